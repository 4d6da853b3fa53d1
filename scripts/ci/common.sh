# Shared by the scripts in scripts/ci/ (sourced, not run): the repository root and the `wnn` command.
# WNN_CLI overrides the command, e.g. WNN_CLI="dotnet /path/wnn.dll" (the tests) or WNN_CLI=/opt/wnn/wnn (the
# worker image); words are split on spaces, so the path itself must not contain one. Default: the ./wnn launcher.
# shellcheck shell=bash
ci_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck disable=SC2034  # wnn_cli is used by the scripts that source this file
read -r -a wnn_cli <<< "${WNN_CLI:-$ci_root/wnn}"

# One line on stderr naming the script and the problem, then exit 2 (bad arguments or input).
ci_usage_error() {
  echo "$(basename "$0"): $*" >&2
  exit 2
}
