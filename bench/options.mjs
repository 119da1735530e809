// The bench's settings, read once at start so every module sees the same values. Each option is
// a flag or a variable; flags win over the environment, and a bare flag means 1.
//
//   --duration=S         | BENCH_DURATION=S          seconds per measured run (default 10)
//   --warmup=S           | BENCH_WARMUP=S            warm-up before each run (default 2; not
//                                                    measured, but must be all 2xx)
//   --approve-warmup=S   | BENCH_APPROVE_WARMUP=S    one warm-up pass before each approve run and
//                                                    database ceiling (default 3 × the warm-up;
//                                                    passes repeat, up to 5, until two agree
//                                                    within 10 %: targets.mjs); the last's rate
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
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS = join(ROOT, 'bench', 'results');

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

export const DURATION = Number(option('duration', 'BENCH_DURATION', '10'));
export const WARMUP = Number(option('warmup', 'BENCH_WARMUP', '2'));
// The approve path runs ~10 statements: at a few hundred approves/s, 2 s is too few calls to
// warm it up, and the first scale would pay for the JIT.
export const APPROVE_WARMUP = Number(
  option('approve-warmup', 'BENCH_APPROVE_WARMUP', String(WARMUP * 3)),
);
export const CONNECTIONS = Number(option('connections', 'BENCH_CONNECTIONS', '16'));
export const POOL_SIZE = Number(option('pool-size', 'BENCH_POOL_SIZE', '10'));
export const INSTANCES = Number(option('instances', 'BENCH_INSTANCES', '1'));
export const SCALES = list(option('scale', 'BENCH_ROWS', '1000'))
  .map(Number)
  .filter((n) => Number.isInteger(n) && n >= 0)
  .sort((a, b) => a - b);
export const APPROVE_RATE = Number(option('approve-rate', 'BENCH_APPROVE_RATE', '400'));
export const MAX_TARGETS = Number(option('max-targets', 'BENCH_MAX_TARGETS', '0')) || Infinity;
/** Targets of a measured approve run: its expected approves × this (plus top-ups if needed). */
export const TARGET_SAFETY = 2;
export const MEMORY = option('memory', 'BENCH_MEMORY', '0') !== '0';
export const MEMORY_STEPS = list(option('memory-steps', 'BENCH_MEMORY_STEPS', '10000,100000')).map(
  Number,
);
export const ALL_RUNS = ['live', 'read', 'resend', 'routes', 'approve', 'startup'];
export const ONLY = new Set(list(option('only', 'BENCH_ONLY', ALL_RUNS.join(','))));
export const START_RUNS = Number(option('start-runs', 'BENCH_START_RUNS', '3'));
export const PROFILE = option('profile', 'BENCH_PROFILE', '0') !== '0';
export const SQL_LOG = option('sql-log', 'BENCH_SQL_LOG', '0') !== '0';

/** Throws one error naming every option that cannot make a meaningful run. */
export function checkOptions() {
  const problems = [];
  const positive = { DURATION, CONNECTIONS, POOL_SIZE, INSTANCES, START_RUNS };
  for (const [name, value] of Object.entries(positive)) {
    if (!(Number.isFinite(value) && value > 0)) problems.push(`${name} must be > 0`);
  }
  if (!Number.isInteger(INSTANCES)) problems.push('BENCH_INSTANCES must be an integer');
  if (CONNECTIONS < INSTANCES) problems.push('BENCH_CONNECTIONS must be >= BENCH_INSTANCES');
  if (!(WARMUP >= 0 && APPROVE_WARMUP >= 0)) problems.push('warm-ups must be >= 0');
  if (!(APPROVE_RATE >= 0)) problems.push('BENCH_APPROVE_RATE must be >= 0');
  // Every instance's pool and the ceiling's pool (as large as all of them) at once.
  if (INSTANCES * POOL_SIZE * 2 > 90)
    problems.push('BENCH_INSTANCES × BENCH_POOL_SIZE × 2 must stay under max_connections (100)');
  const unknown = [...ONLY].filter((run) => run !== 'none' && !ALL_RUNS.includes(run));
  if (unknown.length > 0) problems.push(`unknown BENCH_ONLY runs: ${unknown.join(', ')}`);
  if (problems.length > 0) throw new Error(`bench options: ${problems.join('; ')}`);
}
