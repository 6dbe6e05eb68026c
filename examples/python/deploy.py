#!/usr/bin/env python3
"""Deploys one Function and one Asset with the Twilio Python SDK, then clears the environment.

service -> environment -> function and asset uploads -> build -> deployment -> clear (a deployment without a build).
Credentials come from TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or TWILIO_API_KEY with TWILIO_API_SECRET. Nothing here
knows about a fake: the proxy comes from HTTPS_PROXY (requests reads it) and the certificate authority from the system
store (Debian's requests trusts /etc/ssl/certs/ca-certificates.crt).

The SDK has no call for Function or Asset Version uploads: they are multipart/form-data POSTs to
serverless-upload.twilio.com, done here with requests (the SDK's own dependency) exactly as Twilio's "Deploy with the API"
guide shows.

Usage: python3 deploy.py [project folder (default ../functions-project)] [service name (default python-sdk)]
"""
import os
import sys
import time

import requests
from twilio.rest import Client

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "functions-project"))
NAME = sys.argv[2] if len(sys.argv) > 2 else "python-sdk"
UPLOAD = "https://serverless-upload.twilio.com/v1/Services/{service}/{kind}/{sid}/Versions"

account_sid = os.environ["TWILIO_ACCOUNT_SID"]
if os.environ.get("TWILIO_API_KEY"):
    auth = (os.environ["TWILIO_API_KEY"], os.environ["TWILIO_API_SECRET"])
else:
    auth = (account_sid, os.environ["TWILIO_AUTH_TOKEN"])
client = Client(auth[0], auth[1], account_sid)


def upload(service_sid, kind, sid, path, file_name, content_type):
    """POSTs one version of a Function or Asset (kind "Functions" or "Assets") as multipart/form-data."""
    with open(os.path.join(PROJECT, file_name), "rb") as content:
        response = requests.post(
            UPLOAD.format(service=service_sid, kind=kind, sid=sid),
            auth=auth,
            files={"Content": (os.path.basename(file_name), content, content_type)},
            data={"Path": path, "Visibility": "public"},
        )
    if response.status_code != 201:
        raise RuntimeError(f"upload {kind} {sid}: {response.status_code} {response.text}")
    return response.json()["sid"]


def main():
    services = client.serverless.v1.services
    service = services.create(unique_name=NAME, friendly_name=NAME)
    environment = services(service.sid).environments.create(unique_name="production", domain_suffix="prod")
    function = services(service.sid).functions.create(friendly_name="hello")
    asset = services(service.sid).assets.create(friendly_name="index")
    function_version = upload(service.sid, "Functions", function.sid, "/hello", "functions/hello.js", "application/javascript")
    asset_version = upload(service.sid, "Assets", asset.sid, "/index.html", "assets/index.html", "text/html")
    services(service.sid).environments(environment.sid).variables.create(key="GREETING", value="Hello")
    build = services(service.sid).builds.create(
        function_versions=[function_version], asset_versions=[asset_version], dependencies="[]"
    )
    for _ in range(30):
        status = services(service.sid).builds(build.sid).build_status().fetch().status
        if status == "completed":
            break
        if status == "failed":
            raise RuntimeError(f"build {build.sid} failed")
        time.sleep(1)
    else:
        raise RuntimeError(f"build {build.sid} did not complete")
    deployment = services(service.sid).environments(environment.sid).deployments.create(build_sid=build.sid)
    cleared = services(service.sid).environments(environment.sid).deployments.create()
    print(f"service {service.sid} {service.url}")
    print(f"deployed {deployment.sid} build {deployment.build_sid} to {environment.domain_name}")
    print(f"cleared {cleared.sid} build {cleared.build_sid or 'none'}")


if __name__ == "__main__":
    main()
