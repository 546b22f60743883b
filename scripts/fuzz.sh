#!/usr/bin/env bash
# Runs each cargo-fuzz target (fuzz/fuzz_targets/) for a set time, one after
# another: feed parsing, page extraction, sanitising, the Arabic normaliser
# with queries and snippets, and bookmark files. Installs cargo-fuzz if
# missing. The machine's Rust is stable; cargo-fuzz's sanitizer flags need
# RUSTC_BOOTSTRAP=1 with it. Crashes land in fuzz/artifacts/<target>/.
#   scripts/fuzz.sh [SECONDS_EACH=600] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_app
if ! cargo fuzz --version >/dev/null 2>&1; then cargo install cargo-fuzz --locked; fi
secs=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(feed one_item extract sanitize normalize bookmarks); fi
export RUSTC_BOOTSTRAP=1
cd fuzz
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true
  echo "==> $t for ${secs}s"
  cargo fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -max_len=262144 -rss_limit_mb=2048 \
    2>&1 | tee "../target/fuzz-$t.log" | grep -E "^(#[0-9]+ *(DONE|pulse|INITED)|Done|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)" || true
  tail -n 3 "../target/fuzz-$t.log"
done
