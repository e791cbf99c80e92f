#!/usr/bin/env bash
# Installs the `dotnet new toolrl-env` template from this checkout, the way a user needs it before the packages are on
# nuget.org: packs ToolRL.Runtime, .Generators, .Construction, .Server, .Cli, .Trainer, .Sdk and .Templates (Release) into a local
# feed, installs the template from it, and writes a nuget.config pointing at that feed into WORKSPACE, the folder you
# create projects in (NuGet finds a nuget.config in any parent folder of a project).
#
#   bash scripts/install-template.sh [WORKSPACE] [--feed DIR] [--version V]
#
#   WORKSPACE   default ~/toolrl-projects; created if missing; must be outside this repository (its nuget.config
#               would otherwise change how the repository itself restores).
#   --feed      the local feed folder (default ~/.toolrl/feed).
#   --version   the package version (default: the repository's <Version>). A project made with another version than
#               the template's default needs `dotnet new toolrl-env --ToolRLVersion V`; the script prints the command.
#   --hive DIR  install into a custom template hive (dotnet new --debug:custom-hive), as the end-to-end test does.
#
# Rerunnable: the template is reinstalled, and NuGet's global cache entries of these packages at this version are
# removed first, so a project restores the packages just packed, not an older build of the same version.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
workspace="$HOME/toolrl-projects"
feed="$HOME/.toolrl/feed"
version=""
hive=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --feed) feed=${2:?--feed needs a folder}; shift 2 ;;
    --version) version=${2:?--version needs a version}; shift 2 ;;
    --hive) hive=(--debug:custom-hive "${2:?--hive needs a folder}"); shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    -*) echo "install-template: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) workspace=$1; shift ;;
  esac
done
command -v dotnet >/dev/null || { echo "install-template: dotnet is not on PATH; install the .NET 10 SDK first" >&2; exit 1; }
if [[ -z "$version" ]]; then
  version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -1)
  [[ -n "$version" ]] || { echo "install-template: no <Version> in $repo/Directory.Build.props; pass --version" >&2; exit 1; }
fi
mkdir -p "$workspace" "$feed"
workspace=$(cd "$workspace" && pwd)
feed=$(cd "$feed" && pwd)
case "$workspace/" in
  "$repo"/*) echo "install-template: WORKSPACE '$workspace' is inside the repository; choose a folder outside it" >&2; exit 2 ;;
esac

packages=(ToolRL.Runtime ToolRL.Generators ToolRL.Construction ToolRL.Server ToolRL.Cli ToolRL.Trainer ToolRL.Sdk ToolRL.Templates)
projects=(src/Runtime/ToolRL.Runtime/ToolRL.Runtime.csproj src/Generators/ToolRL.Generators/ToolRL.Generators.csproj
          src/Construction/ToolRL.Construction/ToolRL.Construction.csproj src/Server/ToolRL.Server/ToolRL.Server.csproj
          src/Cli/ToolRL.Cli/ToolRL.Cli.csproj src/Trainer/ToolRL.Trainer/ToolRL.Trainer.csproj
          src/Sdk/ToolRL.Sdk/ToolRL.Sdk.csproj templates/ToolRL.Templates/ToolRL.Templates.csproj)
nuget_cache=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')
for p in "${packages[@]}"; do
  rm -f "$feed/$p.$version.nupkg"
  if [[ -n "$nuget_cache" ]]; then rm -rf "${nuget_cache%/}/${p,,}/$version"; fi
done
for project in "${projects[@]}"; do
  echo "install-template: packing $project ($version)"
  dotnet pack "$repo/$project" -c Release -o "$feed" "-p:Version=$version" --nologo -v:q
done

dotnet new install "$feed/ToolRL.Templates.$version.nupkg" --force "${hive[@]}"

cat > "$workspace/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<!-- Written by ToolRL.Sdk's scripts/install-template.sh: the local feed with the ToolRL packages ($version). -->
<configuration>
  <packageSources>
    <add key="toolrl-local" value="$feed" />
  </packageSources>
</configuration>
XML

template_default=$(sed -n 's/.*"defaultValue": *"\([^"]*\)".*/\1/p' "$repo/templates/ToolRL.Templates/content/toolrl-env/.template.config/template.json" | head -1)
version_arg=""
[[ "$version" == "$template_default" ]] || version_arg=" --ToolRLVersion $version"
cat <<DONE
install-template: done. Packages ($version) in $feed; template toolrl-env installed; $workspace/nuget.config points at the feed.
Next:
  cd $workspace
  dotnet new toolrl-env -n WeatherDesk$version_arg && cd WeatherDesk
  dotnet run -- describe
DONE
