#!/usr/bin/env bash
# Article text extraction on page shapes nobody tuned the rules to (the
# wire's articles in four CMS templates with ad slots, see-also lines,
# share bars and related blocks): paragraph recall, subheading recall,
# token precision and chrome leaked by kind, for the app, the app's
# Readability path alone and dom_smoothie alone (a Markdown report, as in
# the README). Arguments go to khabarain-extract-bench (--pages N, --seed S).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_app
cargo build --release --locked -p khabarain-bench --bin khabarain-extract-bench
exec ./target/release/khabarain-extract-bench "$@"
