// What keeps a Jest worker up: the test environment jest.config.mjs uses when JEST_HANDLES is set
// (the usual Node environment otherwise). It appends to JEST_HANDLES_LOG (default
// /tmp/handles.log), in each worker:
// - after each test file's afterAll hooks, and 200 ms for closes to complete: the resources Node
//   counts as keeping the process alive, which grew since the previous file of that worker, and
//   the handles (sockets, servers, child processes) new since then;
// - at the worker's end (Jest's END message, then the process should exit by itself): the same
//   when the event loop empties and when the process exits, or, when Jest kills a worker still up
//   (SIGTERM, with its "failed to exit gracefully" warning), what was still open.
// JEST_HANDLES=stacks also records where each timer, socket, server and child process was
// created, and lists those still open (and referenced) with that stack: slower, as it tracks them
// all.
import { createHook } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import { setInterval, setTimeout } from 'node:timers';
import NodeEnvironment from 'jest-environment-node';

const LOG = process.env.JEST_HANDLES_LOG ?? '/tmp/handles.log';
const STACKS = process.env.JEST_HANDLES === 'stacks';
const TRACKED = new Set(['Timeout', 'TCPWRAP', 'TCPSERVERWRAP', 'PROCESSWRAP', 'PIPEWRAP']);
const END = 2; // jest-worker's CHILD_MESSAGE_END

// Worker-wide state: the module is loaded once per worker, and its class used for every file.
const seen = new WeakSet();
const created = new Map(); // asyncId -> { type, resource, stack, file }
let previousCounts = {};
let currentFile = '';
let endAt = 0;

if (STACKS) {
  createHook({
    init(asyncId, type, _trigger, resource) {
      if (!TRACKED.has(type)) return;
      const holder = {};
      Error.captureStackTrace(holder);
      created.set(asyncId, { type, resource, stack: holder.stack, file: currentFile });
    },
    destroy(asyncId) {
      created.delete(asyncId);
    },
  }).enable();
}

const mb = (bytes) => Math.round(bytes / 1e6);
const relative = (path) => path.replace(`${process.cwd()}/`, '');
const log = (lines) => appendFileSync(LOG, `${lines.join('\n')}\n`);
const stamp = () =>
  `${new Date().toISOString().slice(11, 23)} pid ${process.pid}` +
  (endAt ? ` +${Date.now() - endAt} ms after END` : '');

function counts(list) {
  const out = {};
  for (const name of list) out[name] = (out[name] ?? 0) + 1;
  return out;
}

function describe(handle) {
  const name = handle?.constructor?.name ?? typeof handle;
  try {
    if (name === 'Socket' || name === 'TLSSocket') {
      const ends = `${handle.localAddress}:${handle.localPort} -> ${handle.remoteAddress}:${handle.remotePort}`;
      return `${name} ${ends} fd=${handle._handle?.fd}`;
    }
    if (name === 'Server') return `Server ${JSON.stringify(handle.address())}`;
    if (name === 'ChildProcess') return `ChildProcess ${handle.pid} ${handle.spawnargs?.join(' ')}`;
  } catch (error) {
    return `${name} (${String(error)})`;
  }
  return name;
}

function stillOpen() {
  const lines = [];
  for (const [id, { type, resource, stack, file }] of created) {
    if (type === 'Timeout' && (resource._destroyed || !resource.hasRef())) continue;
    if (type !== 'Timeout' && resource?.hasRef && !resource.hasRef()) continue;
    const frames = stack
      .split('\n')
      .slice(1)
      .filter((line) => !line.includes('node:internal') && !line.includes('handles-environment'))
      .slice(0, 10);
    lines.push(`   open ${type} #${id}, created by ${relative(file) || '-'}`, ...frames);
  }
  return lines;
}

function everythingOpen() {
  return [
    `   active: ${JSON.stringify(counts(process.getActiveResourcesInfo()))}`,
    ...process._getActiveHandles().map((handle) => `   handle: ${describe(handle)}`),
    ...stillOpen(),
  ];
}

const started = Date.now();
function onMessage(message) {
  if (!Array.isArray(message) || message[0] !== END) return;
  endAt = Date.now();
  // A 'message' listener keeps the IPC channel, so the worker, up: this one goes with Jest's.
  process.removeListener('message', onMessage);
  const { rss, heapUsed } = process.memoryUsage();
  const age = Math.round((endAt - started) / 1000);
  log([`## ${stamp()} END (worker up ${age} s, rss ${mb(rss)} MB, heap ${mb(heapUsed)} MB)`]);
  setInterval(() => log([`## ${stamp()} still up`, ...everythingOpen()]), 150).unref();
}
process.prependListener('message', onMessage);
process.once('beforeExit', () => log([`## ${stamp()} event loop empty`, ...everythingOpen()]));
process.once('exit', (code) => log([`## ${stamp()} exit ${code}`]));
process.once('SIGTERM', () => {
  log([`## ${stamp()} SIGTERM: forced out`, ...everythingOpen()]);
  process.exit(143);
});

export default class HandlesEnvironment extends NodeEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
  }

  async setup() {
    currentFile = this.testPath;
    await super.setup();
  }

  async teardown() {
    await super.teardown();
    await new Promise((resolve) => setTimeout(resolve, 200).unref());
    const now = counts(process.getActiveResourcesInfo());
    const grown = Object.entries(now)
      .filter(([name, count]) => count > (previousCounts[name] ?? 0))
      .map(([name, count]) => `${name} +${count - (previousCounts[name] ?? 0)}`);
    previousCounts = now;
    const handles = process._getActiveHandles();
    const fresh = handles.filter((handle) => !seen.has(handle));
    for (const handle of handles) seen.add(handle);
    log([
      `== ${stamp()} ${relative(this.testPath)} (heap ${mb(process.memoryUsage().heapUsed)} MB)`,
      `   active: ${JSON.stringify(now)}`,
      `   grown: ${grown.join(', ') || '-'}`,
      ...fresh.map((handle) => `   new handle: ${describe(handle)}`),
      ...stillOpen(),
    ]);
  }
}
