#!/usr/bin/env bash
# The app's own speed, release build under Xvfb: time from process start to
# the first list painted, and memory after opening 50 articles, with 100,000
# articles stored (default). The database is made once by a full-text sync of
# the fixture site's generated corpus and kept in target/bench/. Arguments go
# to khabarain-ui-bench (--articles N --open N --runs N).
#
# --peers: the same side by side with Liferea and RSS Guard, installed here
# with apt (khabarain-peer-bench; its arguments follow, e.g. --articles
# 10000 --rounds 3).
#
# The window runs as on a desktop: with a window manager (openbox) and a
# session bus. On a bare Xvfb, without a window manager, about one start in
# three waited some 470 ms more between WebKit's web process starting and
# the page starting, which no desktop sees (measured: 0 of 12 with openbox,
# 2-3 of 10 without). KHABARAIN_BENCH_BARE=1 measures the bare way.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_app
if command -v apt-get >/dev/null 2>&1; then apt_install xvfb xauth openbox dbus; fi
bench=(./target/release/khabarain-ui-bench "$@")
if [ "${1:-}" = --peers ]; then
  shift
  # The peers, the tools that drive them (xdotool; gdbus is in
  # libglib2.0-bin) and the fonts their Arabic needs.
  if command -v apt-get >/dev/null 2>&1; then
    apt_install liferea rssguard xdotool libglib2.0-bin fonts-noto-core
  fi
  bench=(./target/release/khabarain-peer-bench "$@")
fi
cargo build --release --locked -p khabarain-reader -p khabarain-cli -p khabarain-bench
if [ "${KHABARAIN_BENCH_BARE:-0}" = 1 ]; then
  exec xvfb-run -a -s '-screen 0 1280x800x24' "${bench[@]}"
fi
# shellcheck disable=SC2016 # expanded by the inner shell
exec xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- bash -c '
  openbox >/dev/null 2>&1 &
  wm=$!
  sleep 1
  "$@"
  status=$?
  kill "$wm" 2>/dev/null || true
  exit "$status"' bench "${bench[@]}"
