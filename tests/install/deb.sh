#!/usr/bin/env bash
# Installs the app's .deb into this system the way a user would (apt resolves
# its dependencies), checks what it put where, starts the installed binary
# under Xvfb with a fresh home directory against the fixture site, waits for
# its first sync to store the whole fixture corpus and for its window to be
# shown, then uninstalls it and checks nothing of the package is left.
# Needs root (or sudo), a built bundle (target/release/bundle/deb/) and the
# workspace's debug binaries (fixture-site, khabarain).
#   tests/install/deb.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/deps.sh
source tests/install/fixture-site.sh

PACKAGE=khabarain-reader
BIN=/usr/bin/khabarain-reader
# 5 MiB for the package in xz (scripts/xz-deb.sh), as Debian's own are; the
# 6 MiB of before were for tauri's gzip.
BUDGET=$((5 * 1024 * 1024))
ARTICLES=36 # the fixture site's corpus
out=target/install
mkdir -p "$out"

fail() { echo "install test: $*" >&2; exit 1; }

deb=$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -n1 || true)
[ -n "$deb" ] || fail "no .deb under target/release/bundle/deb (build it with: npm run tauri -- build --bundles deb,rpm)"
size=$(stat -c %s "$deb")
echo "==> $deb: $size bytes ($(awk "BEGIN{printf \"%.2f\", $size/1048576}") MiB; budget 5 MiB)"
ar t "$deb" | grep -qx 'data.tar.xz' || fail ".deb is not in xz (run scripts/xz-deb.sh after the bundler)"
[ "$size" -lt "$BUDGET" ] || fail ".deb is over the 5 MiB budget"

# The package must not be there before, so that what we check is what this
# .deb installed.
if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q "install ok installed"; then
  as_root apt-get remove -y -q "$PACKAGE" >/dev/null
fi
echo "==> installing with apt"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$(realpath "$deb")" >"$out/apt-install.log" 2>&1 ||
  { cat "$out/apt-install.log"; fail "apt could not install the .deb"; }
installed_kib=$(dpkg-query -W -f='${Installed-Size}' "$PACKAGE")
echo "==> installed: $installed_kib KiB"
[ -x "$BIN" ] || fail "$BIN missing after install"
desktop=$(dpkg -L "$PACKAGE" | grep '^/usr/share/applications/.*\.desktop$' | head -n1)
[ -n "$desktop" ] || fail "no desktop entry installed"
desktop-file-validate "$desktop" || fail "$desktop does not validate"
grep -qx 'Name=قارئ خبرين' "$desktop" || fail "the desktop entry's name is not Arabic"
grep -qx 'Name\[en\]=Khabarain Reader' "$desktop" || fail "the desktop entry has no English name"
grep -q '^Categories=.*News' "$desktop" || fail "the desktop entry is not under News"
[ -f /usr/share/icons/hicolor/128x128/apps/khabarain-reader.png ] || fail "no 128x128 icon installed"

# A fresh user: an empty home, nothing configured but the site's address
# (the real site's is not reachable here).
home=$(mktemp -d)
site_log="$out/fixture-site.log"
app_log="$out/app.log"
./target/debug/fixture-site --port 0 >"$site_log" 2>&1 &
site_pid=$!
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb_pid=$!
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
  kill "$site_pid" "$xvfb_pid" 2>/dev/null
  rm -rf "$home"
}
trap cleanup EXIT
base=$(fixture_site_address "$site_log") || fail "fixture site did not start"

echo "==> starting $BIN with HOME=$home"
env -i HOME="$home" PATH=/usr/bin:/bin DISPLAY="$display" LANG=C.UTF-8 \
  dbus-run-session -- "$BIN" --base-url "$base" >"$app_log" 2>&1 &
app_pid=$!

# The database is made where the OS keeps app data, with no flag naming it.
db="$home/.local/share/khabarainreader/khabarain.sqlite3"
count=0
for _ in $(seq 1 120); do
  if [ -f "$db" ]; then
    count=$(./target/debug/khabarain --db "$db" export 2>/dev/null | wc -l || echo 0)
    [ "$count" -ge "$ARTICLES" ] && break
  fi
  kill -0 "$app_pid" 2>/dev/null || { cat "$app_log"; fail "the installed app exited"; }
  sleep 1
done
[ "$count" -ge "$ARTICLES" ] || { cat "$app_log"; fail "first sync stored $count of $ARTICLES articles in 120 s"; }
echo "==> first sync stored $count articles in $db"
win=$(DISPLAY="$display" timeout 60 xdotool search --sync --onlyvisible --name 'قارئ خبرين' | head -n1 || true)
[ -n "$win" ] || fail "no window titled قارئ خبرين"
if command -v import >/dev/null 2>&1; then
  sleep 2 # let the list paint
  DISPLAY="$display" import -window root "$out/installed.png" && echo "==> screenshot: $out/installed.png"
fi
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=""

echo "==> uninstalling"
as_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "$PACKAGE" >"$out/apt-remove.log" 2>&1 ||
  { cat "$out/apt-remove.log"; fail "apt could not remove the package"; }
[ ! -e "$BIN" ] || fail "$BIN still there after removal"
[ ! -e "$desktop" ] || fail "$desktop still there after removal"
if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q "installed"; then fail "dpkg still lists $PACKAGE"; fi
echo "install test: passed (.deb $size bytes, installed $installed_kib KiB, $count articles synced)"
