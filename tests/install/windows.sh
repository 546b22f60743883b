#!/usr/bin/env bash
# The Windows installer (scripts/build-windows.sh) installed under Wine the
# way a user's machine would take it, in a fresh Wine prefix:
#   - run silently; its files, the Start-menu entry قارئ خبرين and the entry
#     in Windows' Apps list checked;
#   - the *installed* CLI syncs the fixture site with full text into the
#     data folder (%APPDATA%), searches in Arabic (a year in Arabic-Indic
#     digits too), lists, bookmarks, exports the bookmarks and the sources
#     (OPML) to long Arabic file names and imports both into a second
#     database;
#   - the installed app, started where there is no WebView2 (Wine has none),
#     must say so in a box and exit, not crash or hang (screenshot taken);
#     while it runs, installing over it or uninstalling it changes nothing;
#   - the uninstaller run silently: the program, the entry and the shortcut
#     gone, the data folder kept.
# Needs the installer, Wine and Xvfb (deps_windows, deps_test) and the
# workspace's debug fixture-site.
#   tests/install/windows.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/install/windows
mkdir -p "$out"
export WINEPREFIX="$PWD/target/wine/install"
rm -rf "$WINEPREFIX"
source tests/windows/wine-env.sh
source tests/install/fixture-site.sh
wine_prefix_ready

BUDGET=$((6 * 1024 * 1024))
ARTICLES=36 # the fixture site's corpus
UNINSTALL_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\com.khabarain.reader'

fail() { echo "windows install test: $*" >&2; exit 1; }
winvar() { wine cmd /c "echo %$1%" | tr -d '\r'; }
unix() { winepath -u "$1" | tr -d '\r'; }

setup=$(find target/windows -maxdepth 1 -name "*_x64-setup.exe" 2>/dev/null | head -n1)
[ -n "$setup" ] || fail "no installer under target/windows (build it with: scripts/build-windows.sh)"
size=$(stat -c %s "$setup")
echo "==> $setup: $size bytes ($(awk "BEGIN{printf \"%.2f\", $size/1048576}") MiB; budget 6 MiB)"
[ "$size" -lt "$BUDGET" ] || fail "the installer is over the 6 MiB budget"

echo "==> installing silently (/S)"
wine "$setup" /S
wineserver -w
local_app=$(winvar LOCALAPPDATA)
roaming=$(winvar APPDATA)
inst_win="$local_app\\Khabarain Reader"
inst=$(unix "$inst_win")
for f in khabarain-reader.exe khabarain.exe WebView2Loader.dll uninstall.exe LICENSE-MIT LICENSE-APACHE; do
  [ -f "$inst/$f" ] || fail "$inst_win\\$f missing after install"
done
shortcut="$(unix "$roaming")/Microsoft/Windows/Start Menu/Programs/قارئ خبرين.lnk"
[ -f "$shortcut" ] || fail "no Start-menu entry named قارئ خبرين"
python3 - "$shortcut" <<'PY' || fail "the Start-menu entry does not open khabarain-reader.exe"
import sys
data = open(sys.argv[1], "rb").read()
sys.exit(0 if b"khabarain-reader.exe" in data or "khabarain-reader.exe".encode("utf-16-le") in data else 1)
PY
entry=$(wine reg query "$UNINSTALL_KEY" 2>/dev/null | tr -d '\r')
echo "$entry" | grep -q 'DisplayName.*Khabarain Reader' || fail "no Apps-list entry: $entry"
echo "$entry" | grep -qF 'uninstall.exe" /S' || fail "the Apps-list entry has no quiet uninstall: $entry"
echo "==> installed in $inst_win: $(du -sk "$inst" | cut -f1) KiB, Start-menu entry and Apps-list entry there"

site_log="$out/fixture-site.log"
./target/debug/fixture-site --port 0 >"$site_log" 2>&1 &
site_pid=$!
xvfb_pid=""
cleanup() {
  kill "$site_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  wineserver -k 2>/dev/null || true
}
trap cleanup EXIT
base=$(fixture_site_address "$site_log") || fail "fixture site did not start"

# The installed CLI, as a Windows program; the database where the app keeps
# it unless told otherwise.
cli() { wine "$inst/khabarain.exe" --base-url "$base" "$@"; }
data="$(unix "$roaming")/Khabarain/KhabarainReader/data"

echo "==> the installed CLI: sync with full text"
cli sync >"$out/sync.out" 2>"$out/sync.err" || { cat "$out/sync.err"; fail "sync failed"; }
grep -q "$ARTICLES new articles, 0 of 9 sources failed" "$out/sync.err" || { cat "$out/sync.err"; fail "sync did not store the corpus"; }
[ -f "$data/khabarain.sqlite3" ] || fail "no database in the data folder (%APPDATA%\\Khabarain\\KhabarainReader\\data)"
cli list --json --limit 100 >"$out/list.json"
cli export >"$out/export.jsonl"
python3 - "$out" "$ARTICLES" <<'PY' || fail "list or export is not the corpus with its pages' text"
import json, sys
out, n = sys.argv[1], int(sys.argv[2])
rows = json.load(open(f"{out}/list.json", encoding="utf-8"))
assert len(rows) == n, f"{len(rows)} listed"
articles = [json.loads(l) for l in open(f"{out}/export.jsonl", encoding="utf-8")]
assert len(articles) == n, f"{len(articles)} exported"
# Full text: the pages' subheadings and «شاهد أيضاً» are not in the feeds.
assert all("<p" in a["body_html"] for a in articles)
assert sum("<h2" in a["body_html"] for a in articles) >= n // 2, "pages' subheadings missing"
PY
newest=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1], encoding="utf-8"))[0]["id"])' "$out/list.json")
cli show "$newest" >"$out/show.txt"
grep -q "شاهد أيضاً:" "$out/show.txt" || fail "the article's «شاهد أيضاً» is not kept: $(head -c 400 "$out/show.txt")"

echo "==> search in Arabic"
cli search --json المناخ >"$out/search-word.json"
cli search --json "٢٠٢٧" >"$out/search-digits.json"
python3 - "$out" <<'PY' || fail "Arabic search under Windows"
import json, sys
out = sys.argv[1]
words = json.load(open(f"{out}/search-word.json", encoding="utf-8"))
assert len(words) >= 2, f"المناخ: {len(words)} hits"
year = json.load(open(f"{out}/search-digits.json", encoding="utf-8"))
assert year, "٢٠٢٧: no hits"
marked = lambda h: [p["text"] for part in (h["highlight"]["title"] or [], h["highlight"]["snippet"] or []) for p in part if p["hit"]]
assert all(marked(h) and set(marked(h)) == {"2027"} for h in year), [marked(h) for h in year]
print(f"    المناخ: {len(words)} hits; ٢٠٢٧: {len(year)} hits, each with 2027 marked")
PY

echo "==> bookmarks and sources exported to long Arabic file names, imported into a second database"
ids=$(python3 -c 'import json,sys; print(" ".join(str(r["id"]) for r in json.load(open(sys.argv[1], encoding="utf-8"))[:2]))' "$out/list.json")
for id in $ids; do cli bookmark add "$id" --tag "للقراءة" >/dev/null; done
long="نسخة احتياطية من مفضلة قارئ خبرين ومصادره لأخبار العالم والاقتصاد والرياضة والتقنية"
documents_win="$(winvar USERPROFILE)\\Documents"
docs_win="$documents_win\\$long\\$long\\$long"
# Made from here: winepath stops at 260 characters.
mkdir -p "$(unix "$documents_win")/$long/$long/$long"
bookmarks_win="$docs_win\\مفضلة قارئ خبرين ٥ ديسمبر ٢٠٢٦.json"
opml_win="$docs_win\\مصادر قارئ خبرين.opml"
[ "${#bookmarks_win}" -gt 260 ] || fail "the export path is not past 260 characters"
cli bookmark export "$bookmarks_win" || fail "bookmark export to $bookmarks_win"
cli opml export "$opml_win" || fail "OPML export to $opml_win"
docs="$(unix "$documents_win")/$long/$long/$long"
for f in "مفضلة قارئ خبرين ٥ ديسمبر ٢٠٢٦.json" "مصادر قارئ خبرين.opml"; do
  [ -s "$docs/$f" ] || fail "$f was not written"
done
second_win="$(winvar USERPROFILE)\\Documents\\قاعدة ثانية.sqlite3"
cli --db "$second_win" bookmark import "$bookmarks_win" --json >"$out/import-bookmarks.json" || fail "bookmark import"
cli --db "$second_win" opml import "$opml_win" --json >"$out/import-opml.json" || fail "OPML import"
cli sources --json >"$out/sources-1.json"
cli --db "$second_win" sources --json >"$out/sources-2.json"
cli --db "$second_win" list --bookmarked --json >"$out/bookmarked-2.json"
python3 - "$out" <<'PY' || fail "the second database did not get what was exported"
import json, sys
out = sys.argv[1]
load = lambda n: json.load(open(f"{out}/{n}", encoding="utf-8"))
report = load("import-bookmarks.json")
assert (report["bookmarks"], report["added"], report["articles_added"]) == (2, 2, 2), report
marked = load("bookmarked-2.json")
assert len(marked) == 2, marked
first = sorted(s["url"] for s in load("sources-1.json"))
second = sorted(s["url"] for s in load("sources-2.json"))
assert first == second, (first, second)
print(f"    2 bookmarks with their articles and {len(second)} sources in the second database")
PY

echo "==> the installed app where there is no WebView2, in an English and an Arabic Windows"
display=":$((110 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1
for lang in en_US ar_SA; do
  # Wine takes the Windows language from LANG (the glibc locale need not exist).
  LANG="$lang.UTF-8" LC_ALL="$lang.UTF-8" DISPLAY="$display" \
    wine "$inst/khabarain-reader.exe" --base-url "$base" >"$out/app-$lang.out" 2>"$out/app-$lang.err" &
  app_pid=$!
  box=""
  for _ in $(seq 1 120); do
    box=$(DISPLAY="$display" xdotool search --name "Khabarain Reader" 2>/dev/null | head -n1 || true)
    [ -n "$box" ] && break
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.5
  done
  [ -n "$box" ] || { cat "$out/app-$lang.err"; fail "no message box within a minute ($lang)"; }
  sleep 1
  DISPLAY="$display" import -window root "$out/no-webview2-$lang.png" && echo "==> screenshot: $out/no-webview2-$lang.png"
  if [ "$lang" = en_US ]; then
    echo "==> while the app runs, installing over it and uninstalling it ask to close it and change nothing"
    changed=$(stat -c %Z "$inst/khabarain-reader.exe")
    rc=0
    wine "$setup" /S || rc=$?
    [ "$rc" -eq 2 ] || fail "installing over the running app went on (exit $rc)"
    [ "$(stat -c %Z "$inst/khabarain-reader.exe")" = "$changed" ] || fail "installing over the running app replaced it"
    # In place (_?=), so that it is this run that is waited for.
    wine "$inst/uninstall.exe" /S "_?=$inst_win" || true
    for f in khabarain-reader.exe khabarain.exe WebView2Loader.dll uninstall.exe; do
      [ -f "$inst/$f" ] || fail "uninstalling while the app runs removed $f"
    done
  fi
  # "No" (do not open the download page): the focus is on "Yes", the
  # default; Tab moves it to "No" in either language.
  DISPLAY="$display" xdotool key --window "$box" Tab Return
  for _ in $(seq 1 40); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$app_pid" 2>/dev/null && fail "the app did not exit after its message ($lang)"
  rc=0
  wait "$app_pid" || rc=$?
  [ "$rc" -eq 3 ] || { cat "$out/app-$lang.err"; fail "the app exited with $rc, not 3 (no WebView2; $lang)"; }
  grep -q "needs Microsoft's WebView2" "$out/app-$lang.err" || fail "the app did not say what is missing"
  grep -q "developer.microsoft.com/microsoft-edge/webview2" "$out/app-$lang.err" || fail "the app did not say where to get it"
done

echo "==> uninstalling silently"
wine "$inst/uninstall.exe" /S
wineserver -w
for _ in $(seq 1 50); do [ -e "$inst" ] || break; sleep 0.2; done
[ ! -e "$inst" ] || fail "$inst_win is still there: $(ls "$inst")"
[ ! -e "$shortcut" ] || fail "the Start-menu entry is still there"
! wine reg query "$UNINSTALL_KEY" >/dev/null 2>&1 || fail "the Apps-list entry is still there"
[ -f "$data/khabarain.sqlite3" ] || fail "the uninstaller took the data folder"
echo "==> uninstalled; the data folder is kept: $(du -sk "$data" | cut -f1) KiB in %APPDATA%\\Khabarain\\KhabarainReader\\data"
