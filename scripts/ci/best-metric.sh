#!/usr/bin/env bash
# Prints the best trial of a `wnn report --format json` report as one JSON object:
# {"metric", "direction", "value", "trial", "complete", "budget"}; budget is $SWEEP_TRIALS (null when unset).
# Usage: scripts/ci/best-metric.sh REPORT_JSON      (exit 2: no such file, not a report, or no complete trial)
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ $# -eq 1 ] || ci_usage_error "usage: best-metric.sh REPORT_JSON"
report="$1"
[ -f "$report" ] || ci_usage_error "report '$report' not found"
command -v jq >/dev/null 2>&1 || { echo "best-metric.sh: jq not found; install it with apt-get install jq (scripts/test-prereqs.sh does)" >&2; exit 1; }
jq -ce --argjson budget "${SWEEP_TRIALS:-null}" '
  if (.best | type) != "object" then error("no complete trial (best is null)") else . end
  | {metric: .objectives[0], direction: .directions[0], value: .best.values[0], trial: .best.number,
     complete: .counts.complete, budget: $budget}' "$report" 2>/dev/null \
  || ci_usage_error "'$report' is not a wnn report with a best trial (expected {objectives, directions, best: {values, number}})"
