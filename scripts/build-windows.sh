#!/usr/bin/env bash
# Builds Khabarain Reader for Windows here, on Linux: the app and the CLI
# cross-built for x86_64-pc-windows-gnu with Debian's mingw-w64 (release
# profile), then the installer made by Debian's makensis from
# installer/windows/installer.nsi. Nothing is downloaded but the Rust
# target (rustup) and Debian's packages.
#   scripts/build-windows.sh   →   target/windows/Khabarain Reader_<version>_x64-setup.exe
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_windows

release="target/$WINDOWS_TARGET/release"
echo "==> cross-building the app and the CLI for $WINDOWS_TARGET (release)"
cargo build --release --locked --target "$WINDOWS_TARGET" -p khabarain-reader -p khabarain-cli

version=$(cargo pkgid -p khabarain-reader | sed 's/.*[@#]//')
stage=target/windows/stage
rm -rf "$stage" && mkdir -p "$stage"
# On the GNU target webview2-com links WebView2Loader.dll (its build script
# copies Microsoft's, carried in the crate, beside the exe): it ships too.
cp "$release/khabarain-reader.exe" "$release/khabarain.exe" "$release/WebView2Loader.dll" \
  icons/icon.ico LICENSE-MIT LICENSE-APACHE "$stage/"

setup="target/windows/Khabarain Reader_${version}_x64-setup.exe"
echo "==> makensis: $setup"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DSRC="$PWD/$stage" -DOUTFILE="$PWD/$setup" \
  installer/windows/installer.nsi
size=$(stat -c %s "$setup")
echo "==> $setup: $size bytes ($(awk "BEGIN{printf \"%.2f\", $size/1048576}") MiB)"
