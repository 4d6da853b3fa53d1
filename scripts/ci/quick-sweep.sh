#!/usr/bin/env bash
# Pull-request quick sweep: a small-budget Bayesian sweep of examples/sweeps/bayesian_config.yaml (TPE with seed 1,
# one trial at a time, so its result depends on the code alone), its HTML report, and best.json (the best trial's
# metric, for check-regression.sh).
# Usage: scripts/ci/quick-sweep.sh OUT_DIR
#   OUT_DIR/sweep   the sweep directory      OUT_DIR/report  report.html + figures/ (the CI artifact), report.json
#   OUT_DIR/best.json  {"metric", "direction", "value", "trial", "trials"}
# Environment: SWEEP_TRIALS (default 12), SWEEP_CONFIG (default examples/sweeps/bayesian_config.yaml),
# WNN_CLI (see common.sh); extra arguments after OUT_DIR go to `wnn sweep run` (e.g. --mlflow-uri URI).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ $# -ge 1 ] || ci_usage_error "usage: quick-sweep.sh OUT_DIR [sweep run options]"
out="$1"
shift
trials="${SWEEP_TRIALS:-12}"
config="${SWEEP_CONFIG:-$ci_root/examples/sweeps/bayesian_config.yaml}"
[[ "$trials" =~ ^[1-9][0-9]*$ ]] || ci_usage_error "SWEEP_TRIALS must be a whole number of at least 1, got '$trials'"
[ -f "$config" ] || ci_usage_error "sweep config '$config' not found"
[ -e "$out/sweep" ] && ci_usage_error "'$out/sweep' already exists; give a new OUT_DIR (a sweep is never overwritten)"
mkdir -p "$out"

# epoch_seconds=0: the example trainer's pause per epoch only makes a demo watchable.
"${wnn_cli[@]}" sweep run "$config" --sweep-dir "$out/sweep" --trials "$trials" --seed 1 --max-parallel 1 --plain \
  "$@" epoch_seconds=0
"${wnn_cli[@]}" report "$out/sweep" --format html --out "$out/report"
"${wnn_cli[@]}" report "$out/sweep" --format json --out "$out/report"
SWEEP_TRIALS="$trials" "$ci_root/scripts/ci/best-metric.sh" "$out/report/report.json" > "$out/best.json.tmp"
mv "$out/best.json.tmp" "$out/best.json"
echo "quick-sweep: $(cat "$out/best.json")"
