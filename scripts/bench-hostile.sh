#!/usr/bin/env bash
# Every hostile feed of the fixture site read by this app, Newsboat and
# feedparser, one at a time: items kept, text kept, control characters in
# it, time and peak memory (a Markdown table, as in the README). Installs
# newsboat, GNU time and feedparser (in a venv under target/tools/) when
# missing. Arguments go to khabarain-hostile-bench (--before PATH adds a
# column for another build of the khabarain CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_app
if command -v apt-get >/dev/null 2>&1; then apt_install newsboat time python3-venv; fi
FEEDPARSER_VERSION=6.0.11
venv=target/tools/feedparser-$FEEDPARSER_VERSION
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "feedparser==$FEEDPARSER_VERSION"
fi
cargo build --release --locked -p khabarain-cli -p khabarain-bench
exec ./target/release/khabarain-hostile-bench --feedparser "$venv/bin/python" "$@"
