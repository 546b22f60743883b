#!/usr/bin/env bash
# Launches Khabarain Reader against the project's local fixture site, so the
# app has Arabic articles to sync and read with no internet. Installs what
# is missing first. The demo keeps its own database in .demo/ (not your real
# one); pass --fresh to start from an empty one.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_app

if [ "${1:-}" = "--fresh" ]; then rm -rf .demo; fi
mkdir -p .demo
cargo build --workspace --bins

site_log=.demo/fixture-site.log
./target/debug/fixture-site --port "${FIXTURE_PORT:-0}" >"$site_log" 2>&1 &
site_pid=$!
trap 'kill $site_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  base=$(head -n1 "$site_log" 2>/dev/null || true)
  case "$base" in http://*) break ;; esac
  sleep 0.1
done
case "$base" in http://*) ;; *) echo "fixture site did not start:"; cat "$site_log"; exit 1 ;; esac
echo "==> fixture site at $base"

app=(./target/debug/khabarain-reader --db .demo/khabarain.sqlite3 --base-url "$base")
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  # A machine without a desktop: give the app a virtual screen.
  apt_install xvfb xauth
  echo "==> no display; running under Xvfb (screenshot: DISPLAY=:${XVFB_DISPLAY:-99} import -window root shot.png)"
  Xvfb ":${XVFB_DISPLAY:-99}" -screen 0 1280x800x24 >/dev/null 2>&1 &
  xvfb_pid=$!
  trap 'kill $site_pid $xvfb_pid 2>/dev/null || true' EXIT
  export DISPLAY=":${XVFB_DISPLAY:-99}"
  sleep 1
fi
echo "==> starting the app (database: .demo/khabarain.sqlite3)"
"${app[@]}"
