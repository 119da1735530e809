// The database ceiling: the approve's own statements sent straight through `pg`, with no HTTP,
// framework or service code around them, in the service's order and parallelism, on fresh
// targets at the same table sizes right after the approve run. It is what the approve could reach
// if the service cost nothing, and the approve is judged against it. The statements are imported
// from dist/ by approve-sql.mjs, so the ceiling always sends what the service sends. Its run is
// valid under the same rules as the service's (warm-up, graceful end, database checks).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { approveStatements } from './approve-sql.mjs';
import { checkRun } from './checks.mjs';
import { settleDatabase } from './database.mjs';
import { percentile } from './numbers.mjs';
import { APPROVE_WARMUP, CONNECTIONS, DURATION, INSTANCES, POOL_SIZE } from './options.mjs';
import { startMeter } from './process-stats.mjs';
import { makeRow } from './rows.mjs';
import { measuredPool, TOP_UP_NOTE, warmUntilSteady } from './targets.mjs';
import { ACTOR } from './tokens.mjs';

/** Like runLoad: CONNECTIONS workers on fresh targets until the deadline, each finishing its approve. */
async function ceilingLoad(pgPool, sql, targets, seconds) {
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
        await approveStatements(pgPool, sql, {
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

/**
 * The ceiling's row at `scale` filler rows: as many connections as the instances' pools hold in
 * all, a warm-up and a measured run on targets of their own, then the database checks.
 */
export async function databaseCeiling({ db, seeder, sql, url, scale, system }) {
  // Pipelining, as the service's pool (src/platform/database/data-source-options.ts).
  const pgPool = new pg.Pool({ connectionString: url, max: POOL_SIZE * INSTANCES, pipeline: true });
  pgPool.on('error', () => undefined);
  try {
    let warm = null;
    let passes = [];
    if (APPROVE_WARMUP > 0) {
      // As the service's run: passes until the rate settles (warmUntilSteady).
      passes = await warmUntilSteady(seeder, (pool) =>
        ceilingLoad(pgPool, sql, pool, APPROVE_WARMUP),
      );
      warm = passes.at(-1).result;
    }
    const targets = await measuredPool(seeder, warm?.rps);
    // Nothing pending from the service's run just before: as that run had.
    await settleDatabase(db);
    const meter = startMeter(system);
    const r = await ceilingLoad(pgPool, sql, targets, DURATION);
    const cpu = meter.used(r.responses);
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
    for (const [i, p] of passes.entries()) {
      await checkRun(db, row, p.pool, p.result.ok, `warm-up ${i + 1}`);
    }
    await checkRun(db, row, targets, r.ok);
    return row;
  } finally {
    await pgPool.end();
  }
}
