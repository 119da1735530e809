// System calls per request of the built service (`npm run bench:syscalls`): a figure that does
// not move with what else the machine does, unlike CPU time. It starts the bench's own embedded
// PostgreSQL and one service instance as `npm run bench` does, warms each route up, then attaches
// `strace -f -c` to the service (every thread) for a fixed number of requests sent by this
// process with a few at a time, and divides what strace counted by that number. strace slows the
// service down many times: the counts are the figure, not any time.
//
//   BENCH_SYSCALL_REQUESTS=N   requests counted per route (default 400)
//   BENCH_SYSCALL_WARMUP=N     requests before counting (default 400)
//   BENCH_SYSCALL_CONCURRENCY=N  requests in flight (default 4)
//   BENCH_ONLY=live,read,approve  the routes (default all three)
/* global fetch */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFromDist } from './approve-sql.mjs';
import { buildIfStale } from './build.mjs';
import { connect, hasAmrClientId, importDatabaseHelpers, startDatabase } from './database.mjs';
import { log } from './log.mjs';
import { ROOT } from './options.mjs';
import { createPersonRequest, Seeder } from './seed.mjs';
import { startService, stopChild } from './services.mjs';
import { authHeaders } from './tokens.mjs';

const REQUESTS = Number(process.env.BENCH_SYSCALL_REQUESTS ?? 400);
const WARMUP = Number(process.env.BENCH_SYSCALL_WARMUP ?? 400);
const CONCURRENCY = Number(process.env.BENCH_SYSCALL_CONCURRENCY ?? 4);
const ONLY = new Set(
  (process.env.BENCH_ONLY ?? 'live,read,approve').split(',').map((s) => s.trim()),
);
/** The calls that move the bytes of a request and of its statements. */
const IO = ['read', 'readv', 'recvfrom', 'write', 'writev', 'sendto', 'epoll_wait', 'epoll_pwait'];

/** Sends `requests`, `CONCURRENCY` at a time; every answer must be 2xx. */
async function send(requests) {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const { url, init } = requests[next++];
      const res = await fetch(url, init);
      await res.arrayBuffer();
      if (res.status < 200 || res.status > 299) throw new Error(`${url}: answered ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Runs `requests` with strace attached to every thread of `pid`; returns calls by name. */
async function counted(pid, requests) {
  const out = join(tmpdir(), `bench-strace-${pid}-${Date.now()}.txt`);
  const strace = spawn('strace', ['-f', '-c', '-o', out, '-p', String(pid)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // strace reports each thread it attached to on stderr; wait for the first, then a moment.
  await new Promise((resolve, reject) => {
    strace.once('error', reject);
    strace.stderr.on('data', (chunk) => {
      if (/attached/i.test(String(chunk))) resolve();
    });
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await send(requests);
  const exited = new Promise((resolve) => strace.once('exit', resolve));
  strace.kill('SIGINT');
  await exited;
  const calls = {};
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    // % time, seconds, usecs/call, calls, [errors], syscall
    const m = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?([a-z_0-9]+)\s*$/.exec(line);
    if (m && m[2] !== 'total') calls[m[2]] = Number(m[1]);
  }
  rmSync(out, { force: true });
  return calls;
}

async function main() {
  if (spawnSync('strace', ['-V']).status !== 0) throw new Error('strace is not installed');
  buildIfStale();
  const fromDist = await loadFromDist(ROOT);
  const { startEmbeddedPostgres, freePort } = await importDatabaseHelpers();
  const tmp = mkdtempSync(join(tmpdir(), 'ehealth-syscalls-'));
  chmodSync(tmp, 0o755);
  let database;
  let db;
  let instance;
  const rows = [];
  try {
    database = await startDatabase(tmp, startEmbeddedPostgres, () => undefined);
    instance = await startService({
      index: 0,
      databaseUrl: database.url,
      dataDir: join(tmp, 'data-1'),
      freePort,
    });
    db = await connect(database.url);
    const seeder = new Seeder(db, { amrClientId: await hasAmrClientId(db) });
    const personRequestId = await createPersonRequest(
      instance,
      fromDist.imports.V3_REQUEST_EXAMPLE,
    );
    const repeat = (n, request) => Array.from({ length: n }, () => request);
    const routes = {
      live: () => repeat(WARMUP + REQUESTS, { url: `${instance.base}/health/live`, init: {} }),
      read: () =>
        repeat(WARMUP + REQUESTS, {
          url: `${instance.base}/api/v3/person_requests/${personRequestId}`,
          init: { headers: authHeaders({ json: false }) },
        }),
      approve: async () => {
        const headers = authHeaders();
        return (await seeder.approveTargets(WARMUP + REQUESTS)).map(({ p, r }) => ({
          url: `${instance.base}/api/persons/${p}/authentication_method_requests/${r}/actions/approve`,
          init: { method: 'PATCH', headers, body: '{}' },
        }));
      },
    };
    for (const [name, make] of Object.entries(routes)) {
      if (!ONLY.has(name)) continue;
      const requests = await make();
      await send(requests.slice(0, WARMUP));
      const calls = await counted(instance.pid, requests.slice(WARMUP));
      const per = (n) => n / REQUESTS;
      const io = Object.fromEntries(IO.filter((k) => calls[k]).map((k) => [k, per(calls[k])]));
      const total = per(Object.values(calls).reduce((a, b) => a + b, 0));
      rows.push({ route: name, total, io, calls });
      log(`${name}: ${total.toFixed(1)} system calls per request`);
    }
  } finally {
    await db?.end().catch(() => undefined);
    if (instance) await stopChild(instance.child);
    await database?.stop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }
  const fmt = (n) => (n === undefined ? '—' : n.toFixed(1));
  process.stdout.write(
    `\nSystem calls per request (${REQUESTS} counted after ${WARMUP}, ${CONCURRENCY} in flight; every thread of the service)\n\n` +
      `| route | all | ${IO.join(' | ')} |\n|---|${'---:|'.repeat(IO.length + 1)}\n` +
      rows
        .map((r) => `| ${r.route} | ${fmt(r.total)} | ${IO.map((k) => fmt(r.io[k])).join(' | ')} |`)
        .join('\n') +
      '\n',
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
