#!/usr/bin/env bash
# Sync benchmarks: khabarain against newsboat on a generated corpus served on
# loopback (default 50 feeds × 200 items, with pages and pictures). Installs
# newsboat and GNU time when missing. Arguments go to khabarain-bench
# (--feeds N --items N --runs N).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_app
if command -v apt-get >/dev/null 2>&1; then apt_install newsboat time; fi
cargo build --release --locked -p khabarain-cli -p khabarain-bench
exec ./target/release/khabarain-bench "$@"
