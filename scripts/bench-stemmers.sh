#!/usr/bin/env bash
# Search quality of established Arabic stemmers from PyPI (ISRI, ARLSTem and
# ARLSTem2 from NLTK, Tashaphyne, Snowball) beside this app's search, on the
# wire's search corpus: the search_wire test writes the corpus, the queries
# and their judgements to target/search-quality/wire.json, and
# scripts/stemmers.py indexes the same articles once per stemmer. Installs
# the stemmers into a venv under target/tools/ when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_app
if command -v apt-get >/dev/null 2>&1; then apt_install python3-venv; fi
venv=target/tools/stemmers
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "nltk==3.10.4" "tashaphyne==0.3.6" "pyarabic==0.6.15" "snowballstemmer==3.1.1"
fi
cargo test --locked -p khabarain-integration-tests --test search_wire -- --nocapture
exec "$venv/bin/python" scripts/stemmers.py target/search-quality/wire.json
