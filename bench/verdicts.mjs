// The targets the service is held to, as ratios of two runs (or one run's own figures): the
// approve against the database ceiling, the service's CPU per read and per approve against its
// CPU per no-op request, the approve's tail latency, its cost at the largest table size against
// the smallest, memory growth, and start to ready. A ratio is drawn only from runs that were made and are valid: a ratio from an
// invalid run would judge a failure as if it were speed. The others are listed as not measured,
// with the reason.
import { round2 } from './numbers.mjs';
import { CONNECTIONS, MEMORY_STEPS, SCALES } from './options.mjs';

/**
 * The targets. A ratio appears only when every run it uses was measured and is valid; the
 * verdict of the whole bench only when every run is valid.
 */
export function ratiosOf({ rows, approves, ceilings, memory, startup }) {
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
  // CPU ratios of the same run, which do not depend on the machine's speed: the service's own
  // CPU per request against its CPU per no-op request (GET /health/live, no token, no database).
  const cpuVsNoop = (row) => row.cpu.serviceUs / Math.max(1, live.cpu.serviceUs);
  add(
    'readCpuVsNoop',
    'service CPU per read <= 3 × per no-op request (GET /health/live)',
    [read, live],
    () => cpuVsNoop(read),
    (v) => v <= 3,
    () => `${read.cpu.serviceUs} / ${live.cpu.serviceUs} µs`,
  );
  add(
    'approveCpuVsNoop',
    'service CPU per approve <= 8 × per no-op request (GET /health/live)',
    [approve, live],
    () => cpuVsNoop(approve),
    (v) => v <= 8,
    () => `${approve.cpu.serviceUs} / ${live.cpu.serviceUs} µs`,
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
    `RSS after ${MEMORY_STEPS.at(-1)} requests <= 1.05 × after ${MEMORY_STEPS[0]} (each after a full collection)`,
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
