#!/usr/bin/env bash
# Article text on real pages nobody here wrote: the 181 pages of the public
# article extraction benchmark (../shared/real-pages, human-written text,
# MIT) served on loopback behind a feed, synced with full text by the
# release CLI, and scored as the benchmark's evaluate.py scores them, with
# dom_smoothie alone beside the app in the same run (F1, precision, recall,
# ms a page; the worst pages in target/real-pages/report.md). Arguments go
# to tests/real_pages/run.py: --pages DIR, --published DIR (the benchmark's
# output/ folder, to check the scorer against its published figures).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_app
cargo build --release --locked -p khabarain-cli -p khabarain-bench --bin khabarain --bin khabarain-real-pages
exec python3 tests/real_pages/run.py --cli target/release/khabarain \
  --extract target/release/khabarain-real-pages --work target/real-pages "$@"
