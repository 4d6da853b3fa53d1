#!/usr/bin/env bash
# Prints the first build input of the CLI under ROOT that is newer than STAMP (nothing when the build is current).
# Build inputs: *.cs, *.csproj, *.props and *.json under src/ (outside bin/ and obj/, which the build itself writes)
# and the two props files at the root.
set -euo pipefail
root="$1"
stamp="$2"
find "$root/src" \( -name bin -o -name obj \) -prune -o \
  \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) -newer "$stamp" -print -quit 2>/dev/null
find "$root/Directory.Build.props" "$root/Directory.Packages.props" -newer "$stamp" -print -quit 2>/dev/null || true
