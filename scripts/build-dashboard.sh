#!/usr/bin/env bash
# Builds the web dashboard (dashboard/ → dashboard/dist) when dist is missing or older than its sources.
# Runs `npm ci` first when node_modules is missing or older than package-lock.json. Needs Node.js with npm.
# WNN_SKIP_DASHBOARD=1 skips it (the server then explains at / how to build it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/dashboard"
[ "${WNN_SKIP_DASHBOARD:-}" = "1" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
  echo "build-dashboard: npm not found; install Node.js (20+) with npm to build the dashboard" >&2
  exit 1
fi
cd "$dir"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "build-dashboard: npm ci" >&2
  # The lock records every platform's optional binaries (rollup, esbuild, typescript), so `npm ci` works anywhere
  # and a build never rewrites a tracked file. Regenerate it with `npm install --package-lock-only` from a
  # checkout without node_modules.
  if ! npm ci --no-audit --no-fund --loglevel=error >&2; then
    echo "build-dashboard: npm ci failed (see above); the lock file was left unchanged" >&2
    exit 1
  fi
fi
stamp="dist/index.html"
if [ ! -f "$stamp" ] || [ -n "$(find src index.html package.json package-lock.json vite.config.ts tsconfig.json -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "build-dashboard: building dashboard/dist" >&2
  npm run --silent build >&2
fi
