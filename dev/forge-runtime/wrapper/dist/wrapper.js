/*
 * The local Forge runtime's wrapper: the code that runs inside a function's sandbox beside the app's bundle,
 * as Atlassian's own wrapper does on Forge. @forge/bundler copies it into the bundle as
 * `__forge_wrapper__.cjs` (see dev/forge-build.ts); the runtime starts each sandbox as a worker thread on
 * `__forge__.cjs`, which loads this file.
 *
 * It defines the two globals Atlassian's SDKs call at run time:
 * - `__forge_fetch__(target, path, init)`: every product request (@forge/api), storage call (@forge/kvs)
 *   and queue push (@forge/events) goes to the runtime outside the sandbox, which answers it;
 * - `__forge_runtime__`: the invocation's app context, tracing ids, metrics sink and remaining time.
 * One sandbox runs one invocation at a time, and is reused for the next (a warm container).
 */
'use strict';

const { parentPort, workerData } = require('node:worker_threads');
const path = require('node:path');
const v8 = require('node:v8');
const { randomUUID } = require('node:crypto');

const settings = workerData || {};

// The runtime may start its clock at another instant (reproducible demos and tests); time still runs.
// Reflect.construct keeps subclasses of Date (time-zone dates) intact.
if (settings.clockOffsetMs) {
  const RealDate = Date;
  const offset = settings.clockOffsetMs;
  const now = () => RealDate.now() + offset;
  const LocalDate = function Date(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
  };
  LocalDate.prototype = RealDate.prototype;
  LocalDate.now = now;
  LocalDate.parse = RealDate.parse;
  LocalDate.UTC = RealDate.UTC;
  global.Date = LocalDate;
}

let current = null;
let nextRequest = 0;
const pending = new Map();

function headerObject(headers) {
  const out = {};
  if (!headers) return out;
  if (typeof headers.forEach === 'function' && !Array.isArray(headers)) {
    headers.forEach((value, name) => {
      out[String(name).toLowerCase()] = String(value);
    });
    return out;
  }
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [name, value] of entries) if (value !== undefined) out[String(name).toLowerCase()] = String(value);
  return out;
}

function bodyText(body) {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  throw new TypeError('The local Forge runtime accepts request bodies as strings, buffers or URLSearchParams');
}

function abortError(signal) {
  const reason = signal && signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('This operation was aborted');
  error.name = 'AbortError';
  return error;
}

global.__forge_fetch__ = function forgeFetch(target, requestPath, init = {}) {
  if (!current) {
    return Promise.reject(new Error('Forge platform calls are only possible inside an invocation'));
  }
  const signal = init.signal;
  if (signal && signal.aborted) return Promise.reject(abortError(signal));
  const id = ++nextRequest;
  const invocationId = current.invocationId;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      pending.delete(id);
      parentPort.postMessage({ type: 'abort', invocationId, requestId: id });
      reject(abortError(signal));
    };
    pending.set(id, {
      resolve: (answer) => {
        if (signal) signal.removeEventListener('abort', onAbort);
        const empty = answer.status === 204 || answer.status === 304 || answer.body === undefined;
        resolve(
          new Response(empty ? null : answer.body, {
            status: answer.status,
            statusText: answer.statusText || '',
            headers: answer.headers || {},
          }),
        );
      },
      reject: (error) => {
        if (signal) signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    });
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    try {
      parentPort.postMessage({
        type: 'fetch',
        invocationId,
        requestId: id,
        target: { ...target },
        path: String(requestPath),
        init: {
          method: init.method || 'GET',
          headers: headerObject(init.headers),
          body: bodyText(init.body),
        },
      });
    } catch (error) {
      pending.delete(id);
      reject(error);
    }
  });
};

const noMetric = { incr() {}, decr() {}, set() {}, measure: () => ({ stop() {} }), stop() {} };
const metrics = {
  counter: () => noMetric,
  gauge: () => noMetric,
  timing: () => noMetric,
  histogram: () => noMetric,
};

function runtimeFor(message) {
  const deadline = message.deadline;
  return {
    proxy: { token: `local-${message.invocationId}`, url: 'local-forge-runtime' },
    tracing: { traceId: randomUUID().replace(/-/g, ''), spanId: randomUUID().slice(0, 16) },
    metrics,
    externalAuth: [],
    appContext: { ...message.appContext, invocationId: message.invocationId },
    lambdaContext: {
      getRemainingTimeInMillis: () => Math.max(0, deadline - performance.timeOrigin - performance.now()),
    },
  };
}

let peakHeap = 0;
function sampleHeap() {
  const used = v8.getHeapStatistics().used_heap_size;
  if (used > peakHeap) peakHeap = used;
}

async function invoke(message) {
  current = message;
  peakHeap = 0;
  sampleHeap();
  const sampler = setInterval(sampleHeap, 20);
  global.__forge_runtime__ = runtimeFor(message);
  try {
    const bundle = require(path.join(__dirname, `${message.module}.cjs`));
    const handler = bundle[message.exportName];
    if (typeof handler !== 'function') {
      throw new Error(`The bundle's ${message.module}.cjs exports no function "${message.exportName}"`);
    }
    const value = await handler(message.payload, message.context);
    sampleHeap();
    const json = value === undefined ? undefined : JSON.stringify(value);
    parentPort.postMessage({ type: 'result', invocationId: message.invocationId, ok: true, json, peakHeap });
  } catch (error) {
    sampleHeap();
    const e = error instanceof Error ? error : new Error(String(error));
    parentPort.postMessage({
      type: 'result',
      invocationId: message.invocationId,
      ok: false,
      error: { name: e.name, message: e.message, stack: e.stack },
      peakHeap,
    });
  } finally {
    clearInterval(sampler);
    current = null;
    for (const [id, request] of pending) {
      pending.delete(id);
      request.reject(new Error('The invocation ended before this platform call was answered'));
    }
  }
}

function start() {
  parentPort.on('message', (message) => {
    if (message.type === 'invoke') {
      void invoke(message);
    } else if (message.type === 'answer') {
      const request = pending.get(message.requestId);
      if (!request) return;
      pending.delete(message.requestId);
      if (message.error) request.reject(Object.assign(new Error(message.error.message), message.error));
      else request.resolve(message);
    }
  });
  parentPort.postMessage({ type: 'ready' });
}

module.exports = { start };
