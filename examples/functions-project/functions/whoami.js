// A JSON function: what the request (event) and the runtime (context: the domain, a Variable from .env) give it.
exports.handler = (context, event, callback) => {
  console.log(`whoami called by ${event.name || 'a stranger'}`);
  callback(null, {
    greeting: `${context.GREETING}, ${event.name || 'stranger'}`,
    domain: context.DOMAIN_NAME,
    path: context.PATH,
    pid: process.pid,
  });
};
