// A non-.NET client of FakeServerless's control API: Node 20+, built-in fetch and test runner, no packages.
//
//   fake-serverless --port 4010 &          # or: dotnet run --project src/FakeServerless.Cli -- --port 4010
//   FAKE_SERVERLESS_URL=http://127.0.0.1:4010 node --test examples/control-api/control-api.test.mjs
//
// It resets the fake, seeds a scenario, injects a 429 for CreateDeployment, calls the Twilio API raw with Basic auth and
// sees the 429 (then the retry succeed), asserts on the journal, and resets again. Set FAKE_SERVERLESS_CONTROL_TOKEN when
// the fake was started with a control token.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const base = (process.env.FAKE_SERVERLESS_URL ?? 'http://127.0.0.1:4010').replace(/\/$/, '');
const token = process.env.FAKE_SERVERLESS_CONTROL_TOKEN;
const accountSid = 'AC00000000000000000000000000000001';
const basic = 'Basic ' + Buffer.from(`${accountSid}:fake-auth-token`).toString('base64');

/** Calls the control API; returns { status, body } with the body parsed when it is JSON. */
async function control(method, path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${base}/_fake/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Calls the Twilio Serverless API on the fake, form-encoded with Basic auth, as any HTTP client would. */
async function twilio(method, path, form) {
  const response = await fetch(`${base}/v1/${path}`, {
    method,
    headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form === undefined ? undefined : new URLSearchParams(form),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

test('reset, seed, inject a 429, see it from the Twilio API and in the journal', async () => {
  const health = await control('GET', 'health');
  assert.equal(health.status, 200);
  assert.equal(health.body.status, 'ok');

  assert.equal((await control('POST', 'reset')).status, 204);

  const seeded = await control('POST', 'scenarios', { kind: 'service-live-in', environment: 'staging', account_sid: accountSid });
  assert.equal(seeded.status, 201, JSON.stringify(seeded.body));
  const service = seeded.body.service.sid;
  const build = seeded.body.build.sid;
  const production = seeded.body.environments.find((e) => e.unique_name === 'production');
  assert.equal(production.build_sid, null);

  const fault = await control('POST', 'faults', { operation: 'CreateDeployment', status: 429, retry_after_seconds: 2, times: 1 });
  assert.equal(fault.status, 201, JSON.stringify(fault.body));
  assert.match(fault.body.id, /^fault-\d+$/);

  const refused = await twilio('POST', `Services/${service}/Environments/${production.sid}/Deployments`, { BuildSid: build });
  assert.equal(refused.status, 429);
  assert.equal(refused.headers.get('retry-after'), '2');
  assert.deepEqual(Object.keys(refused.body), ['code', 'message', 'more_info', 'status']);
  assert.equal(refused.body.code, 20429);

  const retried = await twilio('POST', `Services/${service}/Environments/${production.sid}/Deployments`, { BuildSid: build });
  assert.equal(retried.status, 201, JSON.stringify(retried.body));
  assert.equal(retried.body.build_sid, build);

  const journal = await control('GET', `journal?Operation=CreateDeployment&AccountSid=${accountSid}`);
  assert.equal(journal.status, 200);
  assert.deepEqual(journal.body.entries.map((e) => e.status), [429, 201]);
  assert.equal(journal.body.entries[0].error_code, 20429);
  assert.match(journal.body.entries[0].fault, /CreateDeployment/);
  assert.equal(journal.body.entries[1].path, `/v1/Services/${service}/Environments/${production.sid}/Deployments`);
  assert.deepEqual(journal.body.entries[1].parameters.BuildSid, [build]);

  const badFault = await control('POST', 'faults', { operation: 'CreateDeployment', status: 'soon' });
  assert.equal(badFault.status, 400);
  assert.match(badFault.body.message, /^status must be/);

  assert.equal((await control('POST', 'reset')).status, 204);
  assert.deepEqual((await control('GET', 'journal')).body.entries, []);
  assert.deepEqual((await control('GET', 'faults')).body.faults, []);
  assert.equal((await twilio('GET', `Services/${service}`)).status, 404);
});
