#!/usr/bin/env bash
# The Wine prefix the Windows tests run in (target/wine), made on first use:
# 64-bit, no Mono or Gecko (nothing here is .NET or uses Wine's browser), no
# debug chatter, its own Documents (not this machine's home), dialogs in a
# font with Arabic letters, and the bcryptprimitives.dll stand-in (bcryptprimitives.c)
# that Rust programs need under Wine 8.0. Sourced by wine-run and
# tests/install/windows.sh; needs wine, wine64 and mingw-w64 (deps_windows).
set -euo pipefail
_wine_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export WINEPREFIX="${WINEPREFIX:-$_wine_root/target/wine/prefix}"
export WINEARCH=win64
export WINEDEBUG="${WINEDEBUG:--all}"
# mscoree/mshtml off: Wine would otherwise offer to download Mono and Gecko;
# winemenubuilder off: it would copy Start-menu entries into this machine's
# own desktop menu (~/.local/share/applications/wine).
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=;winemenubuilder.exe=d}"

wine_prefix_ready() {
  local dll="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
  [ -f "$dll" ] && return 0
  mkdir -p "$(dirname "$WINEPREFIX")"
  (
    flock 9
    [ -f "$dll" ] && exit 0
    echo "==> making the Wine prefix $WINEPREFIX" >&2
    wineboot --init >/dev/null 2>&1
    wineserver -w
    # Wine links Documents, Desktop and the like to this machine's home
    # folder; the tests' files stay inside the prefix.
    local folder
    for folder in "$WINEPREFIX"/drive_c/users/*/*; do
      if [ -L "$folder" ]; then rm "$folder" && mkdir "$folder"; fi
    done
    local tmp
    tmp=$(mktemp -d)
    x86_64-w64-mingw32-gcc -shared -O2 -s -o "$tmp/bcryptprimitives.dll" \
      "$_wine_root/tests/windows/bcryptprimitives.c" "$_wine_root/tests/windows/bcryptprimitives.def" -ladvapi32
    # Wine's Tahoma has no Arabic letters (Windows' has): message boxes and
    # dialogs draw in DejaVu Sans, which has both scripts.
    local key='HKLM\Software\Microsoft\Windows NT\CurrentVersion\FontSubstitutes'
    wine reg add "$key" /v "MS Shell Dlg" /t REG_SZ /d "DejaVu Sans" /f >/dev/null 2>&1
    wine reg add "$key" /v "MS Shell Dlg 2" /t REG_SZ /d "DejaVu Sans" /f >/dev/null 2>&1
    wineserver -w
    cp "$tmp/bcryptprimitives.dll" "$dll"
    rm -rf "$tmp"
  ) 9>"$(dirname "$WINEPREFIX")/.prefix.lock"
}
