#!/usr/bin/env bash
# Runs every test of Khabarain Reader and exits non-zero on any failure:
# formatting and lints (the GitHub workflow's too), unit and integration tests
# (against the local fixture site and real SQLite files), the real app driven
# over WebDriver under Xvfb, the .deb built, installed into this system,
# run and removed, and Windows: the app cross-built with its installer, the
# tests run as Windows programs and the installer installed, used and
# removed under Wine. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_test

log=$(mktemp)
trap 'rm -f "$log" "$log.ui"' EXIT

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "==> cargo clippy for Windows (x86_64-pc-windows-gnu: the code behind cfg(windows))"
windows_seconds=$SECONDS
cargo clippy --target "$WINDOWS_TARGET" -p khabarain-core -p khabarain-cli -p khabarain-reader \
  --all-targets --locked -- -D warnings
windows_seconds=$((SECONDS - windows_seconds))
echo "==> the GitHub Actions workflow (actionlint, shellcheck on its scripts)"
"$(actionlint_bin)" .github/workflows/*.yml
echo "==> build the app (the WebDriver tests drive this binary)"
cargo build --workspace --bins --locked
echo "==> interface logic (node --test tests/ui/)"
node --test tests/ui/ 2>&1 | tee "$log.ui"
# In the cargo summary's form, so the closing count includes them.
awk '/^# pass/ { p = $3 } /^# fail/ { f = $3 } END { printf "test result: node. %d passed; %d failed;\n", p, f; exit (f > 0 || p == 0) }' "$log.ui" | tee -a "$log"
echo "==> unit and integration tests"
cargo test --workspace --locked 2>&1 | tee -a "$log"
echo "==> feedparser's own test suite, the app beside feedparser (tests/feedparser/, fails below 95 %)"
python3 tests/feedparser/run.py --cli target/debug/khabarain --work target/feedparser
echo "test result: feedparser-suite. 1 passed; 0 failed;" | tee -a "$log"
echo "==> real article pages (../shared/real-pages), synced with full text, scored as the benchmark scores them beside dom_smoothie (fails below F1 0.96)"
python3 tests/real_pages/run.py --cli target/debug/khabarain --extract target/debug/khabarain-real-pages \
  --work target/real-pages --floor 0.96
echo "test result: real-pages. 1 passed; 0 failed;" | tee -a "$log"
echo "==> the real app over WebDriver (tauri-driver + WebKitWebDriver, under Xvfb)"
# The only ignored tests are the ones that need a display and the built app.
xvfb-run -a -s '-screen 0 1280x800x24' \
  cargo test --workspace --locked -- --ignored --test-threads=1 2>&1 | tee -a "$log"
echo "==> installers: .deb and .rpm from a release build, then the .deb installed, run and removed"
npm run tauri -- build --bundles deb,rpm
scripts/xz-deb.sh
tests/install/deb.sh
echo "test result: install. 1 passed; 0 failed;" | tee -a "$log"
echo "==> Windows: the app and the CLI cross-built (mingw-w64, release) and the installer made (makensis)"
windows_started=$SECONDS
scripts/build-windows.sh
echo "==> Windows: the core's, the shell's, the CLI's and the integration tests as Windows programs under Wine"
# Not the tests of a real Miniflux on PostgreSQL (Linux programs) nor the
# WebDriver ones (no WebView2 under Wine): see tests/windows/.
cargo test --target "$WINDOWS_TARGET" --locked -p khabarain-core -p khabarain-reader -p khabarain-cli \
  -p khabarain-fixture-site -p khabarain-integration-tests 2>&1 | tee -a "$log"
echo "==> Windows: the installer installed, the installed CLI used, the app started and the uninstaller run, under Wine"
tests/install/windows.sh
echo "test result: windows-install. 1 passed; 0 failed;" | tee -a "$log"
echo "==> the Windows part took $((windows_seconds + SECONDS - windows_started)) s of this run's $SECONDS s"

echo "==> screenshots in target/e2e/, target/install/ and target/install/windows/"
# One closing line for the whole run, summed over every test binary.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1) } }
     END { printf "tests: %d passed, %d failed\n", p, f; exit (f > 0) }' "$log"
