#!/usr/bin/env bash
# The functions-project walkthrough: real twilio-run deploys this project to a running fake-serverless (Node mode, with its
# proxy), and the function's own answer changes across deploy, redeploy, promote and clear.
#   dotnet run --project src/FakeServerless.Cli -- --port 4010 --proxy-port 4011 --ca-dir .fakeserverless &
#   bash examples/functions-project/walkthrough.sh 4010 http://127.0.0.1:4011 .fakeserverless/ca.pem
# Needs bash, curl, jq, Node.js with npm, and twilio-run 5 (TWILIO_RUN=path/to/twilio-run.js, else `npx twilio-run@5`).
# Exits non-zero if a step does not answer as it says.
set -euo pipefail

PORT=${1:-4010}
PROXY=${2:-http://127.0.0.1:4011}
CA=$(realpath "${3:-.fakeserverless/ca.pem}")
HERE=$(cd "$(dirname "$0")" && pwd)
SID=AC00000000000000000000000000000001
TOKEN=0123456789abcdef0123456789abcdef          # twilio-run wants a 32-character token; the fake takes any
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp -r "$HERE/." "$WORK/"; rm -f "$WORK/walkthrough.sh"; cd "$WORK"

say() { echo; echo "== $*"; }
fail() { echo "functions-walkthrough: $*" >&2; exit 1; }
twilio_run() {
  if [[ -n ${TWILIO_RUN:-} ]]; then node "$TWILIO_RUN" "$@"; else npx --yes twilio-run@5 "$@"; fi
}
deploy() {  # twilio-run reads HTTP_PROXY and trusts the fake's CA through NODE_EXTRA_CA_CERTS
  HTTP_PROXY=$PROXY NODE_EXTRA_CA_CERTS=$CA ACCOUNT_SID=$SID AUTH_TOKEN=$TOKEN CI=true \
    twilio_run deploy --env .env --load-system-env --force --override-existing-project "$@" >/dev/null
}
call() {    # the function on its domain, through the proxy, as Twilio or a browser would reach it
  curl -s --proxy "$PROXY" --cacert "$CA" "https://$1$2"
}
expect() {  # expect DOMAIN PATH WANTED
  local got; got=$(call "$1" "$2")
  echo "GET https://$1$2 -> $got"
  [[ $got == "$3" ]] || fail "expected '$3' from https://$1$2, got '$got'"
}
api() { curl -s -u "$SID:$TOKEN" "http://127.0.0.1:$PORT/v1/$1" "${@:2}"; }

say "Deploy the project with twilio-run (through the proxy)"
deploy
ZS=$(api "Services/functions-project" | jq -r .sid)
DEV=$(api "Services/$ZS/Environments" | jq -r '.environments[] | select(.domain_suffix == "dev") | .domain_name')
expect "$DEV" /hello "Hello from FakeServerless"
WHO=$(call "$DEV" "/whoami?name=Ada"); echo "GET https://$DEV/whoami?name=Ada -> $WHO"
[[ $(echo "$WHO" | jq -r .greeting) == "Hello, Ada" ]] || fail "whoami did not greet Ada with GREETING from .env: $WHO"
expect "$DEV" "/sms?Body=hi" '<?xml version="1.0" encoding="UTF-8"?><Response><Message>You said: hi</Message></Response>'

say "Change hello.js and deploy again: the domain answers from the new build"
echo "exports.handler = (context, event, callback) => callback(null, 'Hello from the second deploy');" > functions/hello.js
deploy
expect "$DEV" /hello "Hello from the second deploy"

say "Promote dev's build to prod (twilio-run promote), then deploy a third version to dev"
HTTP_PROXY=$PROXY NODE_EXTRA_CA_CERTS=$CA CI=true twilio_run promote --source-environment dev --environment prod --create-environment --force \
  --username "$SID" --password "$TOKEN" >/dev/null
PROD=$(api "Services/$ZS/Environments" | jq -r '.environments[] | select(.domain_suffix == "prod") | .domain_name')
echo "exports.handler = (context, event, callback) => callback(null, 'Hello from the third deploy');" > functions/hello.js
deploy
expect "$DEV" /hello "Hello from the third deploy"
expect "$PROD" /hello "Hello from the second deploy"

say "Clear dev (a deployment without BuildSid): dev answers 404, prod still answers"
ZE=$(api "Services/$ZS/Environments" | jq -r '.environments[] | select(.domain_suffix == "dev") | .sid')
api "Services/$ZS/Environments/$ZE/Deployments" -X POST | jq -c '{sid, build_sid}'
CODE=$(curl -s -o /dev/null -w '%{http_code}' --proxy "$PROXY" --cacert "$CA" "https://$DEV/hello")
echo "GET https://$DEV/hello -> $CODE"
[[ $CODE == 404 ]] || fail "the cleared dev domain answered $CODE"
expect "$PROD" /hello "Hello from the second deploy"

say "What the functions printed, read back with twilio-run logs"
LOGS=$(HTTP_PROXY=$PROXY NODE_EXTRA_CA_CERTS=$CA CI=true twilio_run logs --service-sid "$ZS" --environment dev --username "$SID" --password "$TOKEN")
echo "$LOGS" | grep -m1 "whoami called by Ada" || fail "twilio-run logs does not show the console line: $LOGS"

echo
echo "functions-walkthrough: OK"
