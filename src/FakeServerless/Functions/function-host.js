'use strict';
// FakeServerless's Node host: serves one live build of one environment with Twilio's own local runtime
// (@twilio/runtime-handler's LocalDevelopmentServer, the engine `twilio-run start` loads) on a loopback port.
//
// The fake starts it as `node function-host.js` and writes one JSON line on stdin (the configuration below); the host
// answers on stdout with lines that start with the configuration's `marker`: {"ready":port}, {"log":{...}} for every
// console line of a function, {"fatal":"..."} when it cannot start. stdin stays open for the host's whole life: when it
// closes (the fake stopped, or was killed with SIGKILL), the host exits, so it never outlives the fake.
//
// Configuration: { marker, runtimeHandler (folder of @twilio/runtime-handler), baseDir (the materialised build), url
// (https://<domain>), env (context: variables, SIDs, credentials), apiBase (where twilio-node's requests to *.twilio.com
// go: the fake), functions: [{ path, access, filePath, sid }], assets: [{ path, access, filePath }] }.
//
// Requests carry the fake's private headers `i-twilio-fake-request` (the request's RQ SID) and `i-twilio-fake-function`
// (the function's SID); the runtime-handler drops every `i-twilio-` header from `event.request.headers`, as Twilio does
// with its own. Each answer carries `x-fake-serverless-log-seq`: how many log lines had been written when it was sent, so
// the fake records a request's lines before it relays its answer.

const { AsyncLocalStorage } = require('async_hooks');
const http = require('http');
const Module = require('module');
const path = require('path');
const util = require('util');

const out = process.stdout;
const als = new AsyncLocalStorage();
let marker = 'fake-serverless';
let logSeq = 0;

function send(message) {
  out.write(`${marker} ${JSON.stringify(message)}\n`); // synchronous on a pipe (Linux, macOS)
}

function log(level, args) {
  const store = als.getStore();
  logSeq++;
  send({ log: { rq: store ? store.rq : null, fn: store ? store.fn : null, level, message: util.format(...args) } });
}

function describe(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : util.format(error);
}

// console.* of function code becomes Log records: log/info/debug -> info, warn -> warn, error/trace -> error.
console.log = (...args) => log('info', args);
console.info = (...args) => log('info', args);
console.debug = (...args) => log('info', args);
console.warn = (...args) => log('warn', args);
console.error = (...args) => log('error', args);
console.trace = (...args) => log('error', args);

// An error thrown where no request can catch it (a timer, an unawaited promise) is logged; the host keeps serving, as
// other invocations are unaffected on Twilio.
process.on('uncaughtException', (error) => log('error', [describe(error)]));
process.on('unhandledRejection', (error) => log('error', [describe(error)]));

// `node function-host.js --check`: reads {"files":[{"path","source"}]} on stdin and prints [{"path","error"}] for every
// function that does not compile as a CommonJS module (a syntax error fails its build, before anything is deployed).
if (process.argv[2] === '--check') {
  const vm = require('vm');
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => (text += chunk));
  process.stdin.on('end', () => {
    const errors = [];
    for (const file of JSON.parse(text).files) {
      try {
        new vm.Script(Module.wrap(file.source), { filename: file.path });
      } catch (error) {
        const where = error && error.stack ? String(error.stack).split('\n')[0] : '';
        errors.push({ path: file.path, error: `${describe(error)}${where && where !== describe(error) ? ` (${where})` : ''}` });
      }
    }
    process.stdout.write(JSON.stringify(errors));
  });
  return;
}

// stdin lines: an optional {"preload": runtimeHandlerFolder} (a spare host loads the runtime and twilio-node ahead of
// any build, so the first request after a deploy does not wait for them), then the configuration.
let input = '';
let configured = false;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  if (configured) {
    return;
  }
  input += chunk;
  let newline;
  while (!configured && (newline = input.indexOf('\n')) >= 0) {
    const message = JSON.parse(input.slice(0, newline));
    input = input.slice(newline + 1);
    if (message.preload) {
      preload(message.preload);
      continue;
    }
    configured = true;
    start(message).catch((error) => {
      send({ fatal: error && error.stack ? error.stack : String(error) });
      process.exit(1);
    });
  }
});

function preload(runtimeHandler) {
  try {
    require(path.join(runtimeHandler, 'dist', 'dev-runtime', 'dev-runtime.js'));
    require(require.resolve('twilio', { paths: [runtimeHandler] }));
  } catch (_) {
    // Loaded again (and failing visibly) when the configuration arrives.
  }
}
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));

// twilio-node (any copy: the runtime's own, or one the build installed) sends its *.twilio.com requests to the fake,
// keeping Twilio's host name in the Host header, so context.getTwilioClient() acts on the fake as the service's account.
function redirectTwilio(apiBase) {
  const base = new URL(apiBase);
  const patched = new WeakSet();
  const patch = (RequestClient) => {
    if (typeof RequestClient !== 'function' || !RequestClient.prototype || patched.has(RequestClient)) {
      return;
    }
    patched.add(RequestClient);
    const request = RequestClient.prototype.request;
    RequestClient.prototype.request = function redirected(opts) {
      const match = opts && typeof opts.uri === 'string' && /^https?:\/\/([^/?#]*\.twilio\.com)(?=[/?#]|$)/i.exec(opts.uri);
      if (match) {
        opts.uri = `${base.protocol}//${base.host}${opts.uri.slice(match[0].length)}`;
        opts.headers = { ...(opts.headers || {}), Host: match[1] };
      }
      return request.call(this, opts);
    };
  };
  const load = Module._load;
  Module._load = function loadAndPatch(request, parent, isMain) {
    const exported = load.apply(this, arguments);
    if (/[\\/]twilio[\\/]lib[\\/]base[\\/]RequestClient(\.js)?$/.test(request) || request === '../base/RequestClient' || request === './base/RequestClient') {
      patch(exported);
    }
    return exported;
  };
  // Copies already loaded before the hook.
  for (const [file, cached] of Object.entries(require.cache)) {
    if (/[\\/]twilio[\\/]lib[\\/]base[\\/]RequestClient\.js$/.test(file)) {
      patch(cached.exports);
    }
  }
}

// Wraps a function's handler: an error passed to callback, thrown or rejected is logged at error level (Twilio logs it);
// a rejected promise answers 500 like a thrown error; a second callback is ignored.
function wrapHandler(handler) {
  if (typeof handler !== 'function' || handler.__fakeServerless) {
    return handler;
  }
  const wrapped = function twilioHandler(context, event, callback) {
    let called = false;
    const done = (error, payload) => {
      if (called) {
        return;
      }
      called = true;
      if (error) {
        log('error', [describe(error)]);
      }
      callback(error, payload);
    };
    let result;
    try {
      result = handler.call(this, context, event, done);
    } catch (error) {
      if (called) {
        log('error', [describe(error)]);
        return undefined;
      }
      called = true;
      log('error', [describe(error)]);
      throw error; // the runtime answers 500 with it
    }
    if (result && typeof result.then === 'function') {
      result.then(undefined, (error) => done(error || new Error('The handler rejected')));
    }
    return result;
  };
  wrapped.__fakeServerless = true;
  return wrapped;
}

function prepareFunction(filePath) {
  let loaded;
  try {
    loaded = require(filePath);
  } catch (error) {
    log('error', [describe(error)]);
    return; // the runtime requires it again and answers 500 with the error
  }
  if (loaded && typeof loaded.handler === 'function' && !loaded.handler.__fakeServerless) {
    loaded.handler = wrapHandler(loaded.handler);
  }
}

async function start(config) {
  marker = config.marker || marker;
  redirectTwilio(config.apiBase);
  const runtimeHandler = config.runtimeHandler;

  // The runtime's local checks want a 32-character token as in a .env file; deployed code never meets them (Twilio
  // always passes the account's real credentials), so they are switched off here.
  try {
    const checks = require(path.join(runtimeHandler, 'dist', 'dev-runtime', 'checks', 'check-auth-token.js'));
    checks.checkForValidAuthToken = (token) => typeof token === 'string' && token.length > 0;
  } catch (_) {
    // Another layout: the runtime's own checks stay.
  }

  const { LocalDevelopmentServer } = require(path.join(runtimeHandler, 'dist', 'dev-runtime', 'dev-runtime.js'));
  const logger = {
    debug: () => {},
    info: (message) => log('info', [message]),
    warn: (message) => log('warn', [message]),
    error: (message) => log('error', [message]),
    log: (message) => log('info', [message]),
  };
  const functionPaths = new Set(config.functions.map((f) => f.path));
  const server = new LocalDevelopmentServer(0, {
    baseDir: config.baseDir,
    env: config.env,
    port: 0,
    url: config.url,
    detailedLogs: false,
    live: false,
    logs: false,
    legacyMode: false,
    appName: 'fake-serverless',
    forkProcess: false,
    logger,
    enableDebugLogs: false,
    routes: {
      functions: config.functions.map((f) => ({ name: f.path, path: f.path, access: f.access, filePath: f.filePath, content: '' })),
      assets: config.assets
        .filter((a) => !functionPaths.has(a.path))
        .map((a) => ({ name: a.path, path: a.path, access: a.access, filePath: a.filePath, content: '' })),
    },
  });
  const app = server.getApp();
  const files = new Map(config.functions.map((f) => [f.path, f.filePath]));

  const httpServer = http.createServer((req, res) => {
    if (req.headers['i-twilio-fake-ping']) {
      res.writeHead(204, { 'x-fake-serverless-log-seq': String(logSeq) });
      res.end();
      return;
    }
    const store = { rq: req.headers['i-twilio-fake-request'] || null, fn: req.headers['i-twilio-fake-function'] || null };
    const writeHead = res.writeHead;
    res.writeHead = function writeHeadWithSeq(...args) {
      if (!res.headersSent) {
        res.setHeader('x-fake-serverless-log-seq', String(logSeq));
      }
      return writeHead.apply(this, args);
    };
    als.run(store, () => {
      const filePath = files.get(new URL(req.url, 'http://host').pathname);
      if (filePath) {
        prepareFunction(filePath);
      }
      app(req, res);
    });
  });
  httpServer.keepAliveTimeout = 60000;
  await new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', resolve);
  });
  send({ ready: httpServer.address().port, node: process.version });
}
