#!/usr/bin/env bash
# Runs every test of the repository. Installs what the tests need on a fresh machine
# (PostgreSQL, Chromium) when it is missing and the user may install packages.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root" || exit 1
[ -x scripts/test-prereqs.sh ] && scripts/test-prereqs.sh
# Single-node Slurm for the Slurm tests (they run the script again and fail with its reason when it cannot start).
slurm_was_up=0; timeout 10 sinfo -h >/dev/null 2>&1 && slurm_was_up=1
scripts/slurm-prereqs.sh || echo "test.sh: Slurm did not start; the Slurm tests will fail with the reason" >&2
log="$(mktemp)"
dotnet test Wnn.slnx -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
# Dashboard: build it when stale, then the browser tests (node:test + playwright-core in Debian's chromium).
if [ "${WNN_SKIP_BROWSER_TESTS:-}" != "1" ]; then
  (scripts/build-dashboard.sh && cd dashboard && node --test --test-reporter=spec tests/dashboard.test.mjs tests/studies.test.mjs tests/flows.test.mjs tests/hygiene.test.mjs) 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -ne 0 ] && status=1
  dpassed=$(grep -aoE '^ℹ pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  dfailed=$(grep -aoE '^ℹ fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  dskipped=$(grep -aoE '^ℹ skipped [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  echo "dashboard tests: $dpassed passed, $dfailed failed, $dskipped skipped"
  passed=$((passed + dpassed))
  failed=$((failed + dfailed))
fi
rm -f "$log"
# Stop the Slurm daemons only when this run started them.
[ "$slurm_was_up" -eq 0 ] && scripts/slurm-prereqs.sh stop
echo "tests: $passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
