// Deploys one function and one asset to a Twilio Serverless service with the Node SDK (twilio 6.x), then clears the
// environment: service -> environment -> function and asset uploads -> build -> deployment -> clear. Credentials come from
// TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET). Nothing here knows about a fake: the
// proxy (HTTP_PROXY, which twilio-node reads) and the trusted CA (NODE_EXTRA_CA_CERTS) come from the environment.
'use strict';
const https = require('https');
const twilio = require('twilio');
const { HttpsProxyAgent } = require('https-proxy-agent'); // twilio-node's own dependency, used the same way

const accountSid = process.env.TWILIO_ACCOUNT_SID;
const user = process.env.TWILIO_API_KEY || accountSid;
const password = process.env.TWILIO_API_KEY ? process.env.TWILIO_API_SECRET : process.env.TWILIO_AUTH_TOKEN;
const client = process.env.TWILIO_API_KEY ? twilio(user, password, { accountSid }) : twilio(accountSid, password);
const agent = process.env.HTTP_PROXY ? new HttpsProxyAgent(process.env.HTTP_PROXY) : undefined;
const name = process.argv[2] || 'node-sdk';

// The SDK has no upload call: deploy tools POST multipart/form-data to serverless-upload.twilio.com.
function upload(path, fields, fileName, contentType, content) {
  const boundary = 'twilio-upload-' + name;
  const parts = Object.entries(fields).map(([key, value]) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`);
  const body = Buffer.concat([
    Buffer.from(parts.join('') + `--${boundary}\r\nContent-Disposition: form-data; name="Content"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Promise((resolve, reject) => {
    const request = https.request({
      host: 'serverless-upload.twilio.com', path, method: 'POST', agent,
      auth: `${user}:${password}`,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': body.length },
    }, (response) => {
      let text = '';
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => response.statusCode === 201 ? resolve(JSON.parse(text)) : reject(new Error(`upload ${response.statusCode}: ${text}`)));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function main() {
  const service = await client.serverless.v1.services.create({ uniqueName: name, friendlyName: name });
  const environment = await client.serverless.v1.services(service.sid).environments.create({ uniqueName: 'production' });
  const fn = await client.serverless.v1.services(service.sid).functions.create({ friendlyName: 'hello' });
  const asset = await client.serverless.v1.services(service.sid).assets.create({ friendlyName: 'logo' });
  const fnVersion = await upload(`/v1/Services/${service.sid}/Functions/${fn.sid}/Versions`, { Path: '/hello', Visibility: 'public' },
    'hello.js', 'application/javascript', "exports.handler = (context, event, callback) => callback(null, 'hello');");
  const assetVersion = await upload(`/v1/Services/${service.sid}/Assets/${asset.sid}/Versions`, { Path: '/logo.txt', Visibility: 'public' },
    'logo.txt', 'text/plain', 'a logo');
  const build = await client.serverless.v1.services(service.sid).builds.create({
    functionVersions: [fnVersion.sid], assetVersions: [assetVersion.sid], dependencies: '{}',
  });
  for (let polls = 0; (await client.serverless.v1.services(service.sid).builds(build.sid).buildStatus().fetch()).status !== 'completed'; polls++) {
    if (polls === 30) throw new Error(`build ${build.sid} did not complete`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const deployment = await client.serverless.v1.services(service.sid).environments(environment.sid).deployments.create({ buildSid: build.sid });
  const cleared = await client.serverless.v1.services(service.sid).environments(environment.sid).deployments.create();
  console.log(`service ${service.sid} ${service.url}`);
  console.log(`deployed ${deployment.sid} build ${deployment.buildSid}`);
  console.log(`cleared ${cleared.sid} build ${cleared.buildSid || 'none'}`);
}

main().catch((error) => { console.error(error.stack || String(error)); process.exit(1); });
