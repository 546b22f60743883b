#!/usr/bin/env bash
# Sync through a server against the app's own feed sync and Newsboat's
# Miniflux source: a real Miniflux (built by deps_miniflux, on a throwaway
# PostgreSQL cluster) holding 10,000 generated items; first and warm sync of
# each, with time, requests, bytes and peak memory, and articles kept ÷
# distinct items (a Markdown table, as in the README). Arguments go to
# khabarain-accounts-bench (--feeds N for N × 2,000 items, --rounds N, default
# 3, medians; --skip-full-text).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_app
deps_miniflux
if command -v apt-get >/dev/null 2>&1; then apt_install newsboat time; fi
cargo build --release --locked -p khabarain-cli -p khabarain-bench
exec ./target/release/khabarain-accounts-bench "$@"
