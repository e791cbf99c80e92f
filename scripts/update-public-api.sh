#!/usr/bin/env bash
# Rewrites the PublicAPI.*.txt lists of the libraries that pin their public surface (ToolRLPinPublicApi=true) from the code,
# through the analyzer's own code fix (RS0016 adds, RS0017 removes). Review the diff: it is the change to what users see.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t projects < <(grep -l '<ToolRLPinPublicApi>true</ToolRLPinPublicApi>' src/*/*/*.csproj)
for project in "${projects[@]}"; do
  dir=$(dirname "$project")
  for list in PublicAPI.Shipped.txt PublicAPI.Unshipped.txt; do
    [[ -s "$dir/$list" ]] || printf '#nullable enable\n' > "$dir/$list"
  done
  # Start the unshipped list afresh so that removed members go too; shipped entries stay as they are.
  printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
  dotnet restore "$project" -v q >/dev/null
  dotnet format analyzers "$project" --diagnostics RS0016 --severity info --no-restore
  echo "$project: $(grep -vc '^#' "$dir/PublicAPI.Unshipped.txt" || true) unshipped entries"
done
