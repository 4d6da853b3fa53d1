#!/usr/bin/env bash
# Loopback load test of `wnn serve` with wrk: GET /api/flows (100 flows) and GET /api/checkpoints (1,000 checkpoints).
# Usage: benchmarks/server/load.sh [--db "Host=…"] ; needs wrk (apt-get install wrk) and curl. Prints the median of
# WNN_BENCH_RUNS runs (default 3) of WNN_BENCH_DURATION (default 10s) each, with that run's p99, and each list endpoint's
# throughput as a share of /api/health measured in the same script run. Loopback only; wrk shares the machine's cores.
# WNN_BENCH_FLOW=1 then queues one real flow (a phased search on WNN_BENCH_DATA, default ../shared/data beside the repo)
# and measures the same endpoints again while it runs, so its iteration events keep changing the lists.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
port="${WNN_BENCH_PORT:-5199}"
work="$(mktemp -d)"
db="${2:-$work/experiments.db}"
[ "${1:-}" = "--db" ] || db="$work/experiments.db"
duration="${WNN_BENCH_DURATION:-10s}"
url="http://127.0.0.1:$port"
wnn="${WNN_BENCH_CLI:-$root/wnn}" # another build to compare, e.g. main's src/Wnn.Cli/bin/Release/net10.0/wnn
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

workers=0
[ "${WNN_BENCH_FLOW:-0}" = 1 ] && workers=1
"$wnn" serve --port "$port" --db "$db" --checkpoint-root "$work/ckpt" --workers "$workers" >"$work/serve.log" 2>&1 &
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
"$wnn" checkpoint import "$work/ckpt/import" --url "$url" --json >/dev/null
echo "seeded: $(curl -fs "$url/api/flows?limit=500" | grep -o '"status"' | wc -l) flows, $(curl -fs "$url/api/checkpoints?limit=500" | grep -o '"file_path"' | wc -l) checkpoints in the first page of 500" >&2
runs_wanted="${WNN_BENCH_RUNS:-3}"

bench() {
  local path="$1" runs=() out
  wrk -t2 -c32 -d2s "$url$path" >/dev/null # warm-up (JIT, connection pools)
  for _ in $(seq 1 "$runs_wanted"); do
    out="$(wrk -t2 -c32 -d"$duration" --latency "$url$path")"
    runs+=("$(awk '/Requests\/sec/ {rps=$2} / 99%/ {p99=$2} END {print rps "@" p99}' <<<"$out")")
  done
  local median
  median="$(printf '%s\n' "${runs[@]}" | sort -t@ -n -k1,1 | sed -n "$(( (runs_wanted + 1) / 2 ))p")"
  printf "GET %-26s median %9s req/s  p99 %8s  (runs: %s)\n" "$path" "${median%@*}" "${median#*@}" "${runs[*]}"
  last_rps="${median%@*}"
}
bench /api/health; health="$last_rps"
for path in /api/flows /api/checkpoints "/api/checkpoints?limit=100"; do
  bench "$path"
  awk -v a="$last_rps" -v h="$health" 'BEGIN { printf "    = %.2f of /api/health\n", a / h }'
done

[ "${WNN_BENCH_FLOW:-0}" = 1 ] || exit 0
data="${WNN_BENCH_DATA:-$root/../shared/data}"
flow="$("$wnn" flow create --url "$url" --json --name "load: running flow" --train-file "$data/wikitext-2/valid.txt" \
  --eval-file "$data/wikitext-2/test.txt" --tokenizer-file "$data/tokenizers/gpt2.tiktoken" --train-tokens 50000 --eval-tokens 10000 \
  --population 8 --ga-gens 100000 --patience 100000 --queue | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')"
for _ in $(seq 1 600); do
  curl -fs "$url/api/flows/$flow/experiments" | grep -q '"status":"running"' && break
  sleep 0.5
done
curl -fs "$url/api/flows/$flow/experiments" | grep -q '"status":"running"' || { tail -5 "$work/serve.log" >&2; echo "flow $flow did not start" >&2; exit 1; }
sleep 5 # past data loading: iterations are being written
echo "while flow $flow runs:" >&2
bench /api/health; health="$last_rps"
for path in /api/flows /api/checkpoints; do
  bench "$path"
  awk -v a="$last_rps" -v h="$health" 'BEGIN { printf "    = %.2f of /api/health\n", a / h }'
done
echo "iterations recorded meanwhile: $(curl -fs "$url/api/experiments?flow_id=$flow" | grep -o '"iterations_run":[0-9]*' | tr "\n" " ")" >&2
