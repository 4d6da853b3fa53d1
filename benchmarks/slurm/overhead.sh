#!/usr/bin/env bash
# Launcher overhead per trial: the same N one-metric trials run one at a time through the local launcher and
# through sbatch (array_parallelism=1), against the Slurm that scripts/slurm-prereqs.sh starts. Each trial writes
# its start and end times; the overhead of a trial is the gap between the previous trial's end and its start.
# Prints the median and range of those gaps for both launchers, and the wall time of each sweep.
#   benchmarks/slurm/overhead.sh [N]      (default N = 13: 12 gaps; WNN=path/to/wnn to use a built wnn instead of ./wnn)
set -euo pipefail
n="${1:-13}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
wnn="${WNN:-$root/wnn}"
work="$(mktemp -d /tmp/wnn-slurm-overhead.XXXXXX)"
trap 'rm -rf "$work"' EXIT
xs="$(seq -s, 0 $((n - 1)))"
cat >"$work/t.yaml" <<YAML
experiment:
  command: ["sh", "-c", "date +%s.%N > start; echo '@wnn {\"v\": 1}'; date +%s.%N > end"]
  x: [${xs}]
optimization: {target_metric: v}
YAML
run() { # name, extra args...
  local name="$1"; shift
  local t0 t1
  t0="$(date +%s.%N)"
  "$wnn" sweep run "$work/t.yaml" --sweep-dir "$work/$name" --plain "$@" >"$work/$name.log" 2>&1
  t1="$(date +%s.%N)"
  python3 - "$work/$name" "$n" "$name" "$t0" "$t1" <<'PY'
import statistics, sys
d, n, name, t0, t1 = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
spans = sorted((float(open(f"{d}/{j}/start").read()), float(open(f"{d}/{j}/end").read())) for j in range(n))
gaps = [b[0] - a[1] for a, b in zip(spans, spans[1:])]
print(f"{name}: {n} trials in {t1 - t0:.2f} s; gap between trials median {statistics.median(gaps):.3f} s "
      f"(min {min(gaps):.3f}, max {max(gaps):.3f}, {len(gaps)} gaps)")
PY
}
run local --launcher local --max-parallel 1
run slurm --launcher slurm --slurm array_parallelism=1
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
