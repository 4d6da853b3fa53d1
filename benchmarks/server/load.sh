#!/usr/bin/env bash
# Loopback load test of `wnn serve` with wrk: GET /api/flows (100 flows) and GET /api/checkpoints (1,000 checkpoints).
# Usage: benchmarks/server/load.sh [--db "Host=…"] ; needs wrk (apt-get install wrk) and curl. Prints the median of 3 runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
port="${WNN_BENCH_PORT:-5199}"
work="$(mktemp -d)"
db="${2:-$work/experiments.db}"
[ "${1:-}" = "--db" ] || db="$work/experiments.db"
duration="${WNN_BENCH_DURATION:-10s}"
url="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

"$root/wnn" serve --port "$port" --db "$db" --checkpoint-root "$work/ckpt" --workers 0 >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 900); do curl -fs "$url/api/health" >/dev/null && break; sleep 0.2; done
curl -fs "$url/api/health" >/dev/null || { cat "$work/serve.log" >&2; echo "server did not start" >&2; exit 1; }

for i in $(seq 1 100); do
  curl -fs -X POST "$url/api/flows" -H 'content-type: application/json' \
    -d "{\"name\":\"flow $i\",\"config\":{\"template\":\"standard-6-phase\",\"patience\":10,\"ga_generations\":250}}" >/dev/null
done
mkdir -p "$work/ckpt/import"
python3 - "$work/ckpt/import" <<'PY'
import gzip, json, sys
for i in range(1000):
    with gzip.open(f"{sys.argv[1]}/ckpt_{i:04d}.json.gz", "wt") as f:
        json.dump({"fitness": 10.0 + i / 1000, "accuracy": 0.2, "iterations": i}, f)
PY
"$root/wnn" checkpoint import "$work/ckpt/import" --url "$url" --json >/dev/null
echo "seeded: $(curl -fs "$url/api/flows" | grep -o '"id"' | wc -l) flows, $(curl -fs "$url/api/checkpoints" | grep -o '"file_path"' | wc -l) checkpoints" >&2

bench() {
  local path="$1" runs=()
  wrk -t2 -c32 -d2s "$url$path" >/dev/null # warm-up (JIT, connection pools)
  for _ in 1 2 3; do
    runs+=("$(wrk -t2 -c32 -d"$duration" --latency "$url$path" | awk '/Requests\/sec/ {print $2}')")
  done
  printf "GET %-18s median %8s req/s  (runs: %s)\n" "$path" "$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)" "${runs[*]}"
}
bench /api/flows
bench /api/checkpoints
bench /api/health
