#!/usr/bin/env bash
# What the reader's rules cost, release build: a new rule applied to the
# 100,000 stored articles of the benches' database (made once, kept in
# target/bench/), and a full-text sync of 10,000 articles with ten rules
# beside the same sync without them. Arguments go to khabarain-rules-bench
# (--articles N --runs N).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_app
cargo build --release --locked -p khabarain-cli -p khabarain-bench
exec ./target/release/khabarain-rules-bench "$@"
