#!/usr/bin/env bash
# CI test job: exactly the README's test command, through .ci/run. On a CI runner that is not root (GitHub's
# ubuntu runners have passwordless sudo), it runs as root so that scripts/test-prereqs.sh can install
# PostgreSQL, Chromium, PyTorch, shellcheck and yamllint, and scripts/slurm-prereqs.sh can start Slurm.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ "$(id -u)" -ne 0 ] && [ -n "${CI:-}" ] && command -v sudo >/dev/null 2>&1; then
  exec sudo -E env "PATH=$PATH" "$root/.ci/run"
fi
exec "$root/.ci/run"
