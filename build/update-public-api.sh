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
# If the repository already references the analyzer, run with PUBLIC_API_ANALYZER_REFERENCED=1.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
version="${PUBLIC_API_ANALYZER_VERSION:-5.6.0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

header='#nullable enable'

if [[ "${PUBLIC_API_ANALYZER_REFERENCED:-0}" != 1 ]]; then
  cat > "$work/public-api.targets" <<XML
<Project>
  <ItemGroup>
    <PackageVersion Include="Microsoft.CodeAnalysis.PublicApiAnalyzers" Version="$version" />
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

for csproj in "${projects[@]}"; do
  dir="$(dirname "$csproj")"
  shipped="$dir/PublicAPI.Shipped.txt"
  unshipped="$dir/PublicAPI.Unshipped.txt"
  [[ -f "$shipped" ]] || echo "$header" > "$shipped"
  # Start Unshipped from nothing: every public symbol not in Shipped is then reported once, and none is stale.
  echo "$header" > "$unshipped"

  log="$work/$(basename "$csproj").log"
  # The analyzer reads the two files as AdditionalFiles; warnings stay warnings so the build reports them all.
  # --no-incremental: an up-to-date build would skip the compiler and report nothing.
  dotnet build "$csproj" --no-incremental -nologo -v q -p:TreatWarningsAsErrors=false \
    "-p:WarningsAsErrors=" "${hook[@]}" > "$log" 2>&1 || { cat "$log" >&2; echo "build failed: $csproj" >&2; exit 1; }

  # RS0016 names the symbol in the file's own format: "Symbol 'X' is not part of the declared public API".
  # Only this project's own diagnostics count (a referenced project reports its own).
  grep -E "warning RS0016: .*\[$root/$csproj\]" "$log" \
    | sed -E "s/.*warning RS0016: Symbol '(.*)' is not part of the declared public API.*/\1/" \
    | sort -u > "$work/symbols.txt" || true
  { echo "$header"; cat "$work/symbols.txt"; } > "$unshipped"

  stale="$(grep -E "warning RS0017: .*\[$root/$csproj\]" "$log" | sort -u || true)"
  if [[ -n "$stale" ]]; then
    echo "$csproj: PublicAPI.Shipped.txt lists symbols that are gone (remove them by hand, it is a breaking change):" >&2
    echo "$stale" >&2
  fi
  echo "$csproj: $(wc -l < "$work/symbols.txt") unshipped public symbols -> $unshipped"
done
