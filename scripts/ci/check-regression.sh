#!/usr/bin/env bash
# Fails when a sweep's best metric is worse than the committed baseline by more than the baseline's tolerance.
# Usage: scripts/ci/check-regression.sh CURRENT_JSON BASELINE_JSON
#   CURRENT_JSON   best.json from quick-sweep.sh: {"metric", "direction", "value", "budget", …}
#   BASELINE_JSON  e.g. .ci/baselines/quick-sweep.json: {"metric", "direction", "value", "budget", "tolerance", …}
# Exit 0: within tolerance (or better); 1: a regression, named with both values; 2: unreadable input, or a
# comparison that would not be like for like (another metric, direction or budget), which is refused.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ $# -eq 2 ] || ci_usage_error "usage: check-regression.sh CURRENT_JSON BASELINE_JSON"
current="$1"
baseline="$2"
command -v jq >/dev/null 2>&1 || { echo "check-regression.sh: jq not found; install it with apt-get install jq (scripts/test-prereqs.sh does)" >&2; exit 1; }
for f in "$current" "$baseline"; do
  [ -f "$f" ] || ci_usage_error "'$f' not found"
  jq -e '(.metric | type) == "string" and (.direction == "maximize" or .direction == "minimize") and (.value | type) == "number"' \
    "$f" >/dev/null 2>&1 || ci_usage_error "'$f' is not a best-metric record (expected {\"metric\": name, \"direction\": \"maximize\"|\"minimize\", \"value\": number})"
done
jq -e '(.tolerance | type) == "number" and .tolerance >= 0' "$baseline" >/dev/null \
  || ci_usage_error "'$baseline' has no tolerance (expected \"tolerance\": a number >= 0)"
for key in metric direction budget; do
  c="$(jq -c ".$key" "$current")"
  b="$(jq -c ".$key" "$baseline")"
  [ "$c" = "$b" ] || ci_usage_error "refusing to compare: $key is $c in '$current' but $b in '$baseline'"
done

metric="$(jq -r .metric "$baseline")"
# One line: verdict (ok/better/worse), current, baseline, tolerance, and the limit the current value must keep.
read -r verdict value base tolerance limit < <(jq -rn --slurpfile c "$current" --slurpfile b "$baseline" '
  $c[0].value as $v | $b[0].value as $base | $b[0].tolerance as $t | $b[0].direction as $d
  | (if $d == "maximize" then $base - $t else $base + $t end) as $limit
  | (if ($d == "maximize" and $v < $limit) or ($d == "minimize" and $v > $limit) then "worse"
     elif ($d == "maximize" and $v > $base + $t) or ($d == "minimize" and $v < $base - $t) then "better"
     else "ok" end) as $verdict
  | "\($verdict) \($v) \($base) \($t) \($limit)"')
case "$verdict" in
  worse)
    echo "check-regression: REGRESSION: best $metric $value is worse than the baseline $base by more than $tolerance (limit $limit; $baseline)" >&2
    exit 1 ;;
  better)
    echo "check-regression: best $metric $value beats the baseline $base by more than $tolerance; update $baseline from $current to keep the bar" ;;
  *)
    echo "check-regression: best $metric $value is within $tolerance of the baseline $base: ok" ;;
esac
