#!/usr/bin/env bash
# The README's "Quick start (curl, any language)", step by step, against a running fake-serverless:
#   dotnet run --project src/FakeServerless.Cli -- --port 4010 &
#   bash examples/curl-walkthrough.sh 4010
# Exits non-zero if a step does not answer as the README says (needs curl and jq).
set -euo pipefail

PORT=${1:-4010}
AUTH=AC00000000000000000000000000000001:token     # any AC + 32 hex and a non-empty password; each account is isolated
API=http://127.0.0.1:$PORT/v1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

fail() { echo "curl-walkthrough: $*" >&2; exit 1; }

ZS=$(curl -s -u $AUTH $API/Services -d UniqueName=shop -d FriendlyName=Shop | jq -r .sid)
ENV=$(curl -s -u $AUTH $API/Services/$ZS/Environments -d UniqueName=dev-environment -d DomainSuffix=dev)
ZE=$(echo "$ENV" | jq -r .sid); DOMAIN=$(echo "$ENV" | jq -r .domain_name)
ZH=$(curl -s -u $AUTH $API/Services/$ZS/Assets -d FriendlyName=index | jq -r .sid)
echo '<h1>Hello</h1>' > index.html
ZN=$(curl -s -u $AUTH $API/Services/$ZS/Assets/$ZH/Versions \
      -F Path=/index.html -F Visibility=public -F 'Content=@index.html;type=text/html' | jq -r .sid)
ZB=$(curl -s -u $AUTH $API/Services/$ZS/Builds -d AssetVersions=$ZN | jq -r .sid)
for sid in "$ZS:ZS" "$ZE:ZE" "$ZH:ZH" "$ZN:ZN" "$ZB:ZB"; do
    [[ ${sid%%:*} == ${sid##*:}* ]] || fail "expected a ${sid##*:} SID, got '${sid%%:*}'"
done

STATUS=$(curl -s -u $AUTH $API/Services/$ZS/Builds/$ZB/Status)                      # "status":"completed"
echo "$STATUS"
[[ $(echo "$STATUS" | jq -r .status) == completed ]] || fail "build status is not completed: $STATUS"

DEPLOYED=$(curl -s -u $AUTH $API/Services/$ZS/Environments/$ZE/Deployments -d BuildSid=$ZB)
echo "$DEPLOYED"
[[ $(echo "$DEPLOYED" | jq -r .build_sid) == "$ZB" ]] || fail "deployment does not name the build: $DEPLOYED"

PAGE=$(curl -s -w '\n%{http_code}' -H "Host: $DOMAIN" http://127.0.0.1:$PORT/index.html)             # <h1>Hello</h1>
echo "$PAGE"
[[ $PAGE == $'<h1>Hello</h1>\n\n200' ]] || fail "expected <h1>Hello</h1> with 200 on $DOMAIN, got: $PAGE"

CLEARED=$(curl -s -u $AUTH -X POST $API/Services/$ZS/Environments/$ZE/Deployments)   # clear: "build_sid":null
echo "$CLEARED"
[[ $(echo "$CLEARED" | jq -r .build_sid) == null ]] || fail "clearing did not answer build_sid null: $CLEARED"

CODE=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $DOMAIN" http://127.0.0.1:$PORT/index.html)  # 404
echo "$CODE"
[[ $CODE == 404 ]] || fail "expected 404 on $DOMAIN after clearing, got $CODE"
echo "curl-walkthrough: OK"
