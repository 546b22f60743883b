#!/usr/bin/env bash
# Search benchmarks, release build: index build rate, the normaliser's share
# of ingest, and query latency p50/p95 over 100,000 generated articles (the
# database is made once and kept in target/bench/). Arguments go to
# khabarain-search-bench (--articles N --runs N).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_app
cargo build --release --locked -p khabarain-cli -p khabarain-bench
exec ./target/release/khabarain-search-bench "$@"
