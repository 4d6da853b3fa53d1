#!/usr/bin/env bash
# Regenerates docs/benchmarks.md: Wnn.Search against Optuna 3.1 on the problems of benchmarks/peers/problems.json.
#   benchmarks/peers/run.sh                 our side and the report, with the committed Optuna results (results/parts/optuna-*.jsonl)
#   benchmarks/peers/run.sh --optuna        also reruns the Optuna side (one process; hours on two loaded cores)
# Environment: SEEDS (default 20). Needs Debian's python3-optuna and python3-cmaes (/usr/bin/python3 or $WNN_PYTHON).
# The same as: dotnet run -c Release --project benchmarks/Wnn.Benchmarks -- peers quality --seeds N [--optuna] --write-docs
set -euo pipefail
cd "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dotnet run -c Release --project benchmarks/Wnn.Benchmarks -- peers quality --seeds "${SEEDS:-20}" "$@" --write-docs
