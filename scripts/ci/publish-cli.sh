#!/usr/bin/env bash
# Publishes the `wnn` CLI self-contained (the .NET runtime included; nothing else needs to be installed) into
# OUT_DIR: OUT_DIR/wnn is the executable. Used by the Containerfile's build stage and by the tests, which run the
# result from a clean folder with an empty environment. Intermediate files go to a temporary artifacts folder,
# so the checkout's bin/ and obj/ are not touched.
# Usage: scripts/ci/publish-cli.sh OUT_DIR      (WNN_RID: the runtime identifier, default linux-x64)
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ $# -eq 1 ] || ci_usage_error "usage: publish-cli.sh OUT_DIR"
out="$1"
rid="${WNN_RID:-linux-x64}"
command -v dotnet >/dev/null 2>&1 || { echo "publish-cli.sh: dotnet not found; the .NET 10 SDK is needed to publish" >&2; exit 1; }
[ -e "$out" ] && [ -n "$(ls -A "$out")" ] && ci_usage_error "'$out' exists and is not empty; give a new or empty OUT_DIR"
work="$(mktemp -d "${TMPDIR:-/tmp}/wnn-publish.XXXXXX")"
trap 'rm -rf "$work"' EXIT
dotnet publish "$ci_root/src/Wnn.Cli/Wnn.Cli.csproj" -c Release -r "$rid" --self-contained \
  --artifacts-path "$work/artifacts" -o "$work/out" --nologo -v q -clp:ErrorsOnly
mkdir -p "$(dirname "$out")"
rm -rf "$out"
mv "$work/out" "$out"
echo "publish-cli: $out/wnn ($rid, self-contained)"
