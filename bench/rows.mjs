// One measured run becomes one row of the results: its throughput, latencies, memory and CPU,
// and whether it counts. A row is valid only when its warm-up and its run were all 2xx, with no
// error, timeout or body mismatch, nothing cut off, the 2xx count matching the targets answered
// 2xx, at least one success, and a measured run that did not run out of targets (a warm-up that
// runs out only ends early). The database checks after an approve run can still invalidate it.
// An invalid row keeps its figures, but no ratio or verdict is drawn from it.
import { log } from './log.mjs';
import { runLoad } from './load.mjs';
import { round2 } from './numbers.mjs';
import { DURATION, WARMUP } from './options.mjs';
import { procStatus, startMeter } from './process-stats.mjs';

/** Why a load result is invalid (empty when it is valid). */
export function loadProblems(r, label = '') {
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

/** The results row of one measured run: its figures and whether it counts. */
export function makeRow(name, r, { cpu, instances, warm, extra = {} }) {
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

export function invalidate(row, reason) {
  row.valid = false;
  row.invalid_reason = row.invalid_reason ? `${row.invalid_reason}; ${reason}` : reason;
  log(`${row.name}: INVALID — ${reason}`);
}

/**
 * Warm-up (not measured, but must be all 2xx), then the measured run with its CPU and peak RSS,
 * on `system`: the service instances and the PostgreSQL they share.
 */
export async function measure(name, system, load, { warmupSeconds = WARMUP, extra } = {}) {
  const { instances } = system;
  const warm =
    warmupSeconds > 0 ? await runLoad({ ...load, instances, seconds: warmupSeconds }) : null;
  const meter = startMeter(system);
  const r = await runLoad({ ...load, instances, seconds: DURATION });
  const cpu = meter.used(r.responses);
  return makeRow(name, r, { cpu, instances, warm, extra });
}
