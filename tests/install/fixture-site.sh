#!/usr/bin/env bash
# Sourced by the install tests: the fixture site's address once the site,
# started with its output in LOG, has printed it (its first line); after
# 10 s without it, the log on stderr and a non-zero status.
#   base=$(fixture_site_address "$site_log") || fail "fixture site did not start"
fixture_site_address() {
  local log=$1 base=""
  for _ in $(seq 1 100); do
    base=$(head -n1 "$log" 2>/dev/null || true)
    case "$base" in http://*) echo "$base"; return 0 ;; esac
    sleep 0.1
  done
  cat "$log" >&2
  return 1
}
