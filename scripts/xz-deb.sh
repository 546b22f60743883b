#!/usr/bin/env bash
# Recompresses the .deb packages tauri's bundler made (gzip) with xz, as
# Debian builds its own packages: the same files, 25 % smaller to download
# (6,315,602 → 4,725,396 bytes on 2026-12-06). Run after
# `npm run tauri -- build --bundles deb`; a package already in xz is left as
# it is. Needs dpkg-deb (every Debian system has it).
#   scripts/xz-deb.sh [DEB...]   (default: target/release/bundle/deb/*.deb)
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
debs=("$@")
[ ${#debs[@]} -gt 0 ] || debs=(target/release/bundle/deb/*.deb)
[ ${#debs[@]} -gt 0 ] || { echo "xz-deb: no .deb to recompress" >&2; exit 1; }
for deb in "${debs[@]}"; do
  if ar t "$deb" | grep -qx 'data.tar.xz'; then
    echo "==> $deb: already xz"
    continue
  fi
  work=$(mktemp -d)
  dpkg-deb -R "$deb" "$work/root"
  before=$(stat -c %s "$deb")
  dpkg-deb -Zxz -z9 --root-owner-group -b "$work/root" "$work/out.deb" >/dev/null
  mv "$work/out.deb" "$deb"
  rm -rf "$work"
  echo "==> $deb: $before bytes (gzip) → $(stat -c %s "$deb") bytes (xz)"
done
