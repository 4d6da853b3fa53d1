#!/usr/bin/env bash
# Nightly sweep: quick-sweep.sh with the full budget (SWEEP_TRIALS, default 30 = the example's n_trials), and every
# trial logged to MLflow when MLFLOW_TRACKING_URI is set (GitHub passes the repository secret; empty = unset).
# Without it the MLflow part is skipped with one line. With it, the job fails (after the report is written) when
# any run could not be logged: publishing is what the nightly sweep is for, though a tracking server never stops
# the sweep itself (docs/tracking.md).
# Usage: scripts/ci/nightly-sweep.sh OUT_DIR      (then check-regression.sh OUT_DIR/best.json BASELINE)
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ $# -eq 1 ] || ci_usage_error "usage: nightly-sweep.sh OUT_DIR"
out="$1"
export SWEEP_TRIALS="${SWEEP_TRIALS:-30}"
if [ -z "${MLFLOW_TRACKING_URI:-}" ]; then
  unset MLFLOW_TRACKING_URI
  echo "nightly-sweep: MLFLOW_TRACKING_URI is not set; skipping MLflow (set the repository secret to publish runs)"
  exec "$ci_root/scripts/ci/quick-sweep.sh" "$out"
fi
# The URI is not printed: it may carry credentials (GitHub masks secrets, other runners may not).
echo "nightly-sweep: logging every trial to the MLflow server in MLFLOW_TRACKING_URI"
mkdir -p "$out"
# stderr through tee into sweep.stderr, stdout unchanged; pipefail keeps the sweep's exit status.
{ "$ci_root/scripts/ci/quick-sweep.sh" "$out" --mlflow-uri "$MLFLOW_TRACKING_URI" 2>&1 1>&3 3>&- | tee "$out/sweep.stderr" >&2; } 3>&1
# The tracker retries and reports at the end how many runs it could not send (src/Wnn.Tracking.MLflow).
if grep -q "warning: MLflow: .* could not be logged" "$out/sweep.stderr"; then
  echo "nightly-sweep: some trials were not logged to MLflow (see the warning above); the sweep and report are complete" >&2
  exit 1
fi
echo "nightly-sweep: every trial logged to MLflow"
