// Deploys a Functions project folder with Twilio's deploy toolkit (@twilio-labs/serverless-api 5.x, the library inside
// twilio-run and the Twilio CLI's serverless plugin), then clears the environment: service -> environment -> function and
// asset uploads -> build -> deployment -> clear (a deployment without a build). Credentials come from TWILIO_ACCOUNT_SID
// and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET. Nothing here knows about a fake: the toolkit reads
// HTTP_PROXY itself and Node trusts the CA in NODE_EXTRA_CA_CERTS.
//
// Usage: node deploy.js [project folder (default ../functions-project)] [service name (default deploy-toolkit)]
'use strict';
const path = require('path');
const { TwilioServerlessApiClient, fsHelpers } = require('@twilio-labs/serverless-api');

const projectDir = path.resolve(process.argv[2] || path.join(__dirname, '..', 'functions-project'));
const serviceName = process.argv[3] || 'deploy-toolkit';
const credentials = process.env.TWILIO_API_KEY
  ? { username: process.env.TWILIO_API_KEY, password: process.env.TWILIO_API_SECRET }
  : { username: process.env.TWILIO_ACCOUNT_SID, password: process.env.TWILIO_AUTH_TOKEN };

async function main() {
  const client = new TwilioServerlessApiClient(credentials);
  client.on('status-update', (update) => console.error(`[${update.status}] ${update.message}`));
  const { functions, assets } = await fsHelpers.getListOfFunctionsAndAssets(projectDir);
  const result = await client.deployProject({
    ...credentials,
    env: { GREETING: 'Hello' },
    pkgJson: require(path.join(projectDir, 'package.json')),
    serviceName,
    functionsEnv: 'dev',
    functions,
    assets,
    overrideExistingService: true,
  });
  console.log(`service ${result.serviceSid} ${result.serviceName}`);
  console.log(`deployed build ${result.buildSid} to ${result.environmentSid} at https://${result.domain}`);
  for (const resource of [...result.functionResources, ...result.assetResources]) {
    console.log(`  ${resource.access} ${resource.path} ${resource.sid}`);
  }

  // Clear: a deployment without BuildSid leaves the environment serving nothing. The toolkit has no call for it, so this
  // posts through the toolkit's own HTTP client (same credentials, same proxy).
  const cleared = await client.request('post', `Services/${result.serviceSid}/Environments/${result.environmentSid}/Deployments`, { form: {} });
  console.log(`cleared ${cleared.body.sid} build ${cleared.body.build_sid || 'none'}`);
}

main().catch((error) => {
  console.error(error.stack || String(error));
  if (error.response) console.error(`${error.response.statusCode} ${JSON.stringify(error.response.body)}`);
  process.exit(1);
});
