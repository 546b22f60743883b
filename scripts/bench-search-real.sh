#!/usr/bin/env bash
# Search quality on real Arabic newspaper text beside plain FTS5
# (tests/search_real/run.py): 10,000 articles of SaudiNewsNet, read where
# they lie. The corpus is not part of this project (CC BY-NC-SA 4.0, for
# research): give the path of a copy of github.com/parallelfold/SaudiNewsNet
# (its dataset/ directory, the repository, or a bare git directory of it).
#   ./scripts/bench-search-real.sh --corpus PATH [--articles 10000]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_app
cargo build --release --locked -p khabarain-bench --bin khabarain-search-real
exec python3 tests/search_real/run.py --bench target/release/khabarain-search-real \
  --work target/search-real "$@"
