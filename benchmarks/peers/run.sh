#!/usr/bin/env bash
# Regenerates docs/benchmarks.md: Wnn.Search against Optuna 3.1 on the same problems, budgets and seeds.
#   benchmarks/peers/run.sh                 everything (checks the problems agree, runs both sides, overhead, report)
#   benchmarks/peers/run.sh --report-only   rebuilds docs/benchmarks.md from benchmarks/peers/results/
# Environment: SEEDS (default 20); OPTUNA_TPE_SEEDS (default SEEDS: Optuna's TPE is the slow part, ~10 s a run here).
# Needs Debian's python3-optuna and python3-cmaes, run with /usr/bin/python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
results=benchmarks/peers/results
parts=$results/parts
seeds="${SEEDS:-20}"
tpe_seeds="${OPTUNA_TPE_SEEDS:-$seeds}"
diag_seeds="${DIAGNOSTIC_SEEDS:-10}"   # Optuna TPE with its logpdf bug patched, on a few problems (not in the summary)
diag_problems=rosenbrock-6,branin,ackley-6,sphere-10
py=/usr/bin/python3
bench() { dotnet benchmarks/Wnn.Benchmarks/bin/Release/net10.0/Wnn.Benchmarks.dll peers "$@"; }

if ! $py -c 'import optuna, cmaes' 2>/dev/null; then
  echo "Optuna or cmaes missing: apt-get install -y python3-optuna python3-cmaes" >&2
  exit 1
fi

dotnet build -c Release benchmarks/Wnn.Benchmarks --nologo -v q
mkdir -p "$parts"
$py benchmarks/peers/optuna_bench.py points > "$parts/points-optuna.jsonl"
bench selftest
bench check-points "$parts/points-optuna.jsonl"

if [ "${1:-}" != "--report-only" ]; then
  rm -f "$parts"/wnn-*.jsonl "$parts"/optuna-*.jsonl
  {
    echo "SEEDS=$seeds OPTUNA_TPE_SEEDS=$tpe_seeds benchmarks/peers/run.sh"
    echo "dotnet run -c Release --project benchmarks/Wnn.Benchmarks -- peers run --seeds $seeds --out $parts/wnn-runs.jsonl"
    echo "dotnet run -c Release --project benchmarks/Wnn.Benchmarks -- peers overhead --out $parts/wnn-overhead.jsonl"
    echo "$py benchmarks/peers/optuna_bench.py run --seeds $seeds --samplers cmaes,nsga2,random > $parts/optuna-others.jsonl"
    echo "$py benchmarks/peers/optuna_bench.py run --seeds $tpe_seeds --samplers tpe > $parts/optuna-tpe.jsonl"
    echo "$py benchmarks/peers/optuna_bench.py run --seeds $diag_seeds --samplers tpe-logpdf-fixed --problems $diag_problems > $parts/optuna-tpe-logpdf-fixed.jsonl"
    echo "$py benchmarks/peers/optuna_bench.py overhead > $parts/optuna-overhead.jsonl"
  } > "$results/commands.txt"
  bench run --seeds "$seeds" --out "$parts/wnn-runs.jsonl"
  bench overhead --out "$parts/wnn-overhead.jsonl"
  $py benchmarks/peers/optuna_bench.py run --seeds "$seeds" --samplers cmaes,nsga2,random > "$parts/optuna-others.jsonl"
  $py benchmarks/peers/optuna_bench.py run --seeds "$tpe_seeds" --samplers tpe > "$parts/optuna-tpe.jsonl"
  $py benchmarks/peers/optuna_bench.py run --seeds "$diag_seeds" --samplers tpe-logpdf-fixed --problems "$diag_problems" > "$parts/optuna-tpe-logpdf-fixed.jsonl"
  $py benchmarks/peers/optuna_bench.py overhead > "$parts/optuna-overhead.jsonl"
  {
    echo "run finished: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "cores: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'); memory $(free -g | awk '/Mem:/ {print $2}') GiB"
    echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
    echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared with other developers)"
    echo ".NET SDK $(dotnet --version); $($py --version); optuna $($py -c 'import optuna; print(optuna.__version__)'); cmaes $($py -c 'import cmaes; print(cmaes.__version__)')"
  } > "$results/machine.txt"
fi

cat "$parts"/wnn-*.jsonl > "$results/wnn.jsonl"
cat "$parts"/optuna-*.jsonl > "$results/optuna.jsonl"
bench report --results "$results" --out docs/benchmarks.md
