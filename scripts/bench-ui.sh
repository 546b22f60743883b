#!/usr/bin/env bash
# The app's own speed, release build under Xvfb: time from process start to
# the first list painted, and memory after opening 50 articles, with 100,000
# articles stored (default). The database is made once by a full-text sync of
# the fixture site's generated corpus and kept in target/bench/. Arguments go
# to khabarain-ui-bench (--articles N --open N --runs N).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_app
if command -v apt-get >/dev/null 2>&1; then apt_install xvfb xauth; fi
cargo build --release --locked -p khabarain-reader -p khabarain-cli -p khabarain-bench
exec xvfb-run -a -s '-screen 0 1280x800x24' ./target/release/khabarain-ui-bench "$@"
