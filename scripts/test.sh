#!/usr/bin/env bash
# Runs every test of Khabarain Reader and exits non-zero on any failure:
# formatting and lints, unit and integration tests (against the local fixture
# site and real SQLite files), and the real app driven over WebDriver under
# Xvfb. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_test

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "==> build the app (the WebDriver tests drive this binary)"
cargo build -p khabarain-reader --locked
echo "==> unit and integration tests"
cargo test --workspace --locked
echo "==> the real app over WebDriver (tauri-driver + WebKitWebDriver, under Xvfb)"
xvfb-run -a -s '-screen 0 1280x800x24' \
  cargo test -p khabarain-e2e --locked -- --ignored --test-threads=1
echo "==> all tests passed; screenshots in target/e2e/"
