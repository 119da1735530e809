// The memory run (BENCH_MEMORY=1): RSS of instance 1 after each count of reads of
// BENCH_MEMORY_STEPS, counted from the start of this run, which comes after all the others, each
// read after a full garbage collection in the service (full-gc.mjs). A service that keeps
// something per request would grow between the steps (the target allows 5 % from the first step
// to the last). It sends a fixed number of requests, not a duration, and
// must be all 2xx like every other run.
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { fullGc } from './full-gc.mjs';
import { log } from './log.mjs';
import { CONNECTIONS, MEMORY_STEPS } from './options.mjs';
import { procStatus } from './process-stats.mjs';
import { authHeaders } from './tokens.mjs';

/** Reads `path` on `instance` up to each step and records the RSS after each. */
export async function memoryRun(instance, path) {
  const steps = [];
  let done = 0;
  const counts = { non2xx: 0, errors: 0 };
  for (const step of MEMORY_STEPS) {
    const r = await new Promise((resolve, reject) => {
      autocannon(
        {
          url: `${instance.base}${path}`,
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
    // Let the service settle after the last answers, then read RSS after a full collection (at
    // an arbitrary moment it swings by 100 MB with the heap's cycle: full-gc.mjs).
    await sleep(1000);
    const beforeGcMb = procStatus(instance.pid).rssMb;
    await fullGc(instance.pid);
    await sleep(500);
    steps.push({
      requests: step,
      ok_requests: r['2xx'],
      rssMb: procStatus(instance.pid).rssMb,
      rss_before_full_gc_mb: beforeGcMb,
    });
    log(
      `memory: RSS ${steps.at(-1).rssMb.toFixed(1)} MB after ${step} reads and a full collection ` +
        `(${beforeGcMb.toFixed(1)} MB before it)`,
    );
  }
  const problems = [];
  if (counts.non2xx > 0) problems.push(`${counts.non2xx} non-2xx responses`);
  if (counts.errors > 0) problems.push(`${counts.errors} errors`);
  return {
    measured: true,
    name: 'memory: RSS after reads',
    steps,
    ratio: steps.at(-1).rssMb / steps[0].rssMb,
    ...counts,
    valid: problems.length === 0,
    invalid_reason: problems.length > 0 ? problems.join('; ') : null,
  };
}
