#!/usr/bin/env bash
# Regenerates PublicAPI.Unshipped.txt for every packable project under src/ from what the code declares public today,
# using Microsoft.CodeAnalysis.PublicApiAnalyzers (RS0016: "symbol is not part of the declared public API").
#
#   build/update-public-api.sh            # all packable projects under src/
#   build/update-public-api.sh src/X/X.csproj ...
#
# Each project gets a PublicAPI.Shipped.txt (created empty if missing, never rewritten: moving lines to it is a release
# step) and a PublicAPI.Unshipped.txt holding every public symbol not in Shipped. The analyzer is added only for this
# run, through MSBuild's CustomBeforeMicrosoftCommonTargets hook: nothing in the repository references it afterwards.
# If the repository already references the analyzer (and lists the two files as AdditionalFiles), run with
# PUBLIC_API_ANALYZER_REFERENCED=1.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
version="${PUBLIC_API_ANALYZER_VERSION:-5.6.0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

header='#nullable enable'
# src/Directory.Build.props references the analyzer now: then the hook below is not needed.
if grep -q PublicApiAnalyzers src/Directory.Build.props 2>/dev/null; then
  PUBLIC_API_ANALYZER_REFERENCED="${PUBLIC_API_ANALYZER_REFERENCED:-1}"
fi

if [[ "${PUBLIC_API_ANALYZER_REFERENCED:-0}" != 1 ]]; then
  cat > "$work/public-api.targets" <<XML
<Project>
  <ItemGroup>
    <PackageVersion Include="Microsoft.CodeAnalysis.PublicApiAnalyzers" Version="$version" />
  </ItemGroup>
  <!-- Only the projects being updated (the ones with the two files) get the analyzer, not their other references. -->
  <ItemGroup Condition="Exists('\$(MSBuildProjectDirectory)/PublicAPI.Shipped.txt')">
    <PackageReference Include="Microsoft.CodeAnalysis.PublicApiAnalyzers" PrivateAssets="all" />
    <AdditionalFiles Include="\$(MSBuildProjectDirectory)/PublicAPI.Shipped.txt;\$(MSBuildProjectDirectory)/PublicAPI.Unshipped.txt" />
  </ItemGroup>
</Project>
XML
  hook=("-p:CustomBeforeMicrosoftCommonTargets=$work/public-api.targets")
else
  hook=()
fi

if [[ $# -gt 0 ]]; then
  projects=("$@")
else
  projects=()
  for csproj in src/*/*.csproj; do
    if [[ "$(dotnet msbuild "$csproj" -getProperty:IsPackable 2>/dev/null)" == true ]]; then
      projects+=("$csproj")
    fi
  done
fi

# 1. Reset every Unshipped file (and create a missing Shipped one): every public symbol not in Shipped is then reported
#    once, and none is stale. The rewritten file is a compiler input, so each project compiles again below.
for csproj in "${projects[@]}"; do
  dir="$(dirname "$csproj")"
  [[ -f "$dir/PublicAPI.Shipped.txt" ]] || echo "$header" > "$dir/PublicAPI.Shipped.txt"
  echo "$header" > "$dir/PublicAPI.Unshipped.txt"
done

# 2. Build. Warnings stay warnings so every one is reported; a project may compile while building another that
#    references it, so the diagnostics are read from all the logs together.
for csproj in "${projects[@]}"; do
  log="$work/$(basename "$csproj").log"
  dotnet build "$csproj" -nologo -v q -p:TreatWarningsAsErrors=false "-p:WarningsAsErrors=" "${hook[@]}" > "$log" 2>&1 \
    || { cat "$log" >&2; echo "build failed: $csproj" >&2; exit 1; }
done
cat "$work"/*.log > "$work/all.txt"

# 3. RS0016 names each missing symbol in the file's own format: "Symbol 'X' is not part of the declared public API".
for csproj in "${projects[@]}"; do
  dir="$(dirname "$csproj")"
  project="$(cd "$dir" && pwd)/$(basename "$csproj")"
  { grep -F "[$project]" "$work/all.txt" | grep -E "warning RS0016: " \
      | sed -E "s/.*warning RS0016: Symbol '(.*)' is not part of the declared public API.*/\1/" | sort -u || true; } > "$work/symbols.txt"
  { echo "$header"; cat "$work/symbols.txt"; } > "$dir/PublicAPI.Unshipped.txt"

  stale="$(grep -F "[$project]" "$work/all.txt" | grep -E "warning RS0017: " | sort -u || true)"
  if [[ -n "$stale" ]]; then
    echo "$csproj: PublicAPI.Shipped.txt lists symbols that are gone (remove them by hand: a breaking change):" >&2
    echo "$stale" >&2
  fi
  echo "$csproj: $(wc -l < "$work/symbols.txt") unshipped public symbols -> $dir/PublicAPI.Unshipped.txt"
done
