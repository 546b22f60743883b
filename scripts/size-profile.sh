#!/usr/bin/env bash
# What each release-profile setting buys: builds the app's .deb once per
# step, adding one setting at a time to cargo's default release profile
# (opt-level 3, no LTO, 16 codegen units, symbols kept, unwinding), up to
# the project's profile (Cargo.toml [profile.release]), and prints the
# binary's and the .deb's size for each. Each step is a full release build
# (several minutes); the builds go to target/size-profile/ so the normal
# target/ stays as it was.
#   scripts/size-profile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_app
[ -d node_modules/@tauri-apps/cli ] || npm ci

export CARGO_TARGET_DIR="$PWD/target/size-profile"
mkdir -p "$CARGO_TARGET_DIR"
steps=(
  "cargo's release defaults|LTO=false CODEGEN_UNITS=16 STRIP=false OPT_LEVEL=3 PANIC=unwind"
  "+ strip = true|LTO=false CODEGEN_UNITS=16 STRIP=true OPT_LEVEL=3 PANIC=unwind"
  "+ lto = true|LTO=true CODEGEN_UNITS=16 STRIP=true OPT_LEVEL=3 PANIC=unwind"
  "+ codegen-units = 1|LTO=true CODEGEN_UNITS=1 STRIP=true OPT_LEVEL=3 PANIC=unwind"
  "+ opt-level = \"s\"|LTO=true CODEGEN_UNITS=1 STRIP=true OPT_LEVEL=s PANIC=unwind"
  "+ panic = \"abort\" (the project's)|LTO=true CODEGEN_UNITS=1 STRIP=true OPT_LEVEL=s PANIC=abort"
)
results=()
for step in "${steps[@]}"; do
  name=${step%%|*}
  settings=${step#*|}
  for kv in $settings; do export "CARGO_PROFILE_RELEASE_${kv}"; done
  echo "==> $name ($settings)"
  start=$(date +%s)
  npm run tauri -- build --bundles deb >"$CARGO_TARGET_DIR/build.log" 2>&1 ||
    { tail -n 30 "$CARGO_TARGET_DIR/build.log"; exit 1; }
  secs=$(($(date +%s) - start))
  bin=$(stat -c %s "$CARGO_TARGET_DIR/release/khabarain-reader")
  deb=$(stat -c %s "$(find "$CARGO_TARGET_DIR/release/bundle/deb" -name '*.deb' -print -quit)")
  results+=("$(printf '| %-36s | %9.2f MiB | %7.2f MiB | %5d s |' "$name" \
    "$(awk "BEGIN{print $bin/1048576}")" "$(awk "BEGIN{print $deb/1048576}")" "$secs")")
  echo "${results[-1]}"
done
echo
echo "| profile                              |        binary |        .deb | build |"
echo "|--------------------------------------|---------------|-------------|-------|"
printf '%s\n' "${results[@]}"
