#!/usr/bin/env bash
# Lints what CI runs: every GitHub Actions workflow with action-validator (npm @action-validator/cli, pinned in
# scripts/ci/package-lock.json), every YAML file with yamllint (.yamllint.yaml), every shell script with shellcheck
# (.shellcheckrc), and checks that each workflow `run:` step is one call of an executable script in scripts/ci/.
# A missing tool is a failure that names it and how to install it, never a skip.
# Usage: scripts/ci/lint.sh [ROOT]      (default: the repository; the tests also lint planted trees)
# Environment: SHELLCHECK, YAMLLINT (the commands, default shellcheck and yamllint), ACTION_VALIDATOR (the
# validator executable, default: installed into scripts/ci/node_modules with `npm ci` when missing or stale).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ $# -le 1 ] || ci_usage_error "usage: lint.sh [ROOT]"
root="$(cd "${1:-$ci_root}" && pwd)" || ci_usage_error "'$1' is not a directory"
shellcheck="${SHELLCHECK:-shellcheck}"
yamllint="${YAMLLINT:-yamllint}"

missing() {
  echo "lint.sh: $1 not found ($2); install it with: $3" >&2
  exit 1
}
command -v "$shellcheck" >/dev/null 2>&1 || missing shellcheck "$shellcheck" "apt-get install -y shellcheck (scripts/test-prereqs.sh does as root)"
command -v "$yamllint" >/dev/null 2>&1 || missing yamllint "$yamllint" "apt-get install -y yamllint (scripts/test-prereqs.sh does as root)"
validator="${ACTION_VALIDATOR:-}"
if [ -z "$validator" ]; then
  tools="$ci_root/scripts/ci"
  validator="$tools/node_modules/.bin/action-validator"
  if [ ! -f "$tools/node_modules/.package-lock.json" ] || [ "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]; then
    command -v npm >/dev/null 2>&1 || missing npm "needed to install @action-validator/cli" "apt-get install -y npm (or Node.js 20+ with npm)"
    echo "lint.sh: npm ci in scripts/ci (@action-validator/cli)" >&2
    (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >&2) || { echo "lint.sh: npm ci in scripts/ci failed (see above)" >&2; exit 1; }
  fi
fi
[ -x "$validator" ] || missing action-validator "$validator" "npm ci in scripts/ci (@action-validator/cli 0.6.0)"

# Files of the tree, without what builds, installs and runs write.
tree_files() {
  find "$root" \( -name .git -o -name node_modules -o -name bin -o -name obj -o -name artifacts -o -name dist \
    -o -name outputs -o -name out -o -name TestResults \) -prune -o -type f "$@" -print | sort
}
mapfile -t workflows < <(tree_files -path "$root/.github/workflows/*" \( -name '*.yml' -o -name '*.yaml' \))
mapfile -t yamls < <(tree_files \( -name '*.yml' -o -name '*.yaml' \))
mapfile -t scripts < <(tree_files \( -name '*.sh' -o -name wnn -o -path "$root/.ci/run" \))

failures=0
fail() {
  echo "lint.sh: $*" >&2
  failures=$((failures + 1))
}
[ "${#workflows[@]}" -gt 0 ] || fail "no workflow files in $root/.github/workflows"
for wf in "${workflows[@]}"; do
  "$validator" "$wf" >&2 || fail "action-validator: ${wf#"$root"/} is not a valid workflow (see above)"
  # Every run step is `scripts/ci/NAME.sh [ARGS]` on one line, and that script exists and is executable.
  while IFS=: read -r line text; do
    cmd="$(sed -E 's/^[[:space:]]*(- )?run:[[:space:]]*//' <<< "$text")"
    if [[ ! "$cmd" =~ ^scripts/ci/[A-Za-z0-9_-]+\.sh([[:space:]].*)?$ ]]; then
      fail "${wf#"$root"/}:$line: a run step must be one call of a script in scripts/ci/ (got '$cmd')"
    elif [ ! -x "$root/${cmd%% *}" ]; then
      fail "${wf#"$root"/}:$line: ${cmd%% *} is not an executable file"
    fi
  done < <(grep -nE '^[[:space:]]*(- )?run:' "$wf" || true)
done
if [ "${#yamls[@]}" -gt 0 ]; then
  # The tree's own settings, else the repository's.
  config="$root/.yamllint.yaml"
  [ -f "$config" ] || config="$ci_root/.yamllint.yaml"
  "$yamllint" --strict -c "$config" -f parsable "${yamls[@]}" >&2 || fail "yamllint: findings above"
fi
if [ "${#scripts[@]}" -gt 0 ]; then
  "$shellcheck" "${scripts[@]}" >&2 || fail "shellcheck: findings above"
fi
if [ "$failures" -gt 0 ]; then
  echo "lint.sh: $failures failed check(s)" >&2
  exit 1
fi
echo "lint.sh: ${#workflows[@]} workflows (action-validator), ${#yamls[@]} YAML files (yamllint), ${#scripts[@]} shell scripts (shellcheck): clean"
