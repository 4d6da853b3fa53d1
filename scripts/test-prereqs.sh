#!/usr/bin/env bash
# Makes sure a throwaway PostgreSQL server for the storage tests listens on 127.0.0.1:55432 with a
# database `wnn_test` (user `postgres`, trust auth). Idempotent: a server already answering is
# reused. Installs PostgreSQL with apt-get when the server binaries are missing and we are root.
# Override with WNN_PG_PORT / WNN_PG_DIR; the tests read WNN_TEST_PG (see README).
set -euo pipefail

port="${WNN_PG_PORT:-55432}"
dir="${WNN_PG_DIR:-${TMPDIR:-/tmp}/wnn-pg-$port}"

find_bin() {
  local d
  d="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  if command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return 0
  fi
  return 1
}

if ! bin="$(find_bin)"; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-prereqs: installing PostgreSQL with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin="$(find_bin)" || { echo "test-prereqs: PostgreSQL install did not provide initdb" >&2; exit 1; }
  else
    echo "test-prereqs: PostgreSQL server binaries not found. Install them, e.g.:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y postgresql" >&2
    exit 1
  fi
fi

# PostgreSQL refuses to run as root: as root, run the server as the `postgres` system user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Chromium for the dashboard's browser tests (Debian's package; Playwright cannot download browsers here).
if [ ! -x /usr/bin/chromium ] && [ "${WNN_SKIP_BROWSER_TESTS:-}" != "1" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-prereqs: installing chromium with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "test-prereqs: /usr/bin/chromium not found; the browser tests will be skipped. Install it with: sudo apt-get install -y chromium" >&2
  fi
fi

# PyTorch for the seed-002 trainer (examples/hpo/patchtst_train.py) and the parameter-count tests: Debian's python3-torch,
# with OpenBLAS (the reference BLAS it would otherwise load is about 10x slower). The tests run /usr/bin/python3 (or $WNN_PYTHON).
if ! /usr/bin/python3 -c 'import torch' >/dev/null 2>&1 || ! ls /usr/lib/*/openblas-pthread/libblas.so.3 >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-prereqs: installing python3-torch (and OpenBLAS) with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch libopenblas0-pthread >/dev/null
  else
    echo "test-prereqs: PyTorch not found for /usr/bin/python3; the transformer HPO tests will fail. Install it with: sudo apt-get install -y python3-torch libopenblas0-pthread" >&2
  fi
fi

# Linters for the CI workflows and scripts (scripts/ci/lint.sh) and jq for the CI scripts' JSON (scripts/ci/*.sh).
ci_missing=()
for tool in shellcheck yamllint jq; do command -v "$tool" >/dev/null 2>&1 || ci_missing+=("$tool"); done
if [ "${#ci_missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-prereqs: installing ${ci_missing[*]} with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${ci_missing[@]}" >/dev/null
  else
    echo "test-prereqs: ${ci_missing[*]} not found; the CI script tests will fail. Install with: sudo apt-get install -y ${ci_missing[*]}" >&2
  fi
fi

# Optuna 3.1 (Debian's python3-optuna, with python3-cmaes) for TpeOptunaCompatibilityTests and the peer benchmarks.
if ! /usr/bin/python3 -c 'import optuna, cmaes' >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-prereqs: installing python3-optuna and python3-cmaes with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-optuna python3-cmaes >/dev/null
  else
    echo "test-prereqs: Optuna not found for /usr/bin/python3; TpeOptunaCompatibilityTests will fail. Install it with: sudo apt-get install -y python3-optuna python3-cmaes" >&2
  fi
fi

psql_cmd() { "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir" && chmod 700 "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    echo "test-prereqs: initializing test cluster in $dir" >&2
    as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
  fi
  echo "test-prereqs: starting PostgreSQL on 127.0.0.1:$port" >&2
  # Test data is disposable: no fsync, no unix socket (TCP on loopback only).
  as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
fi

if [ "$(psql_cmd -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'wnn_test'")" != "1" ]; then
  psql_cmd -d postgres -c "CREATE DATABASE wnn_test" >/dev/null 2>&1 \
    || [ "$(psql_cmd -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'wnn_test'")" = "1" ]
fi
echo "test-prereqs: PostgreSQL ready at Host=127.0.0.1;Port=$port;Username=postgres;Database=wnn_test" >&2
