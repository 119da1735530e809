// The approve run at one table size: filler up to `scale` rows, warm-up passes on targets of
// their own until the rate settles (warmUntilSteady), then the measured run on targets sized from
// the last pass's rate, and the database checks of all. Approve is the service's heaviest write (about ten statements under a person's lock), so
// it is measured at several table sizes to show that its cost does not grow with the registry.
import { performance } from 'node:perf_hooks';
import { checkRun } from './checks.mjs';
import { settleDatabase } from './database.mjs';
import { runLoad } from './load.mjs';
import { log } from './log.mjs';
import { APPROVE_WARMUP, DURATION, TARGET_SAFETY } from './options.mjs';
import { startMeter } from './process-stats.mjs';
import { makeRow } from './rows.mjs';
import { tableRows } from './seed.mjs';
import { measuredPool, TOP_UP_NOTE, warmUntilSteady } from './targets.mjs';
import { authHeaders } from './tokens.mjs';

/** The approve row at `scale` filler rows, on `system` (the instances and their PostgreSQL). */
export async function approveRun({ db, seeder, system, scale }) {
  const { instances } = system;
  const t0 = performance.now();
  log(`filler to ${scale} rows per table`);
  await seeder.fillTo(scale);
  const seedSeconds = (performance.now() - t0) / 1000;
  log(`filler done in ${seedSeconds.toFixed(1)} s`);

  // Warm-up passes on targets of their own until the rate settles; the last sizes the measured
  // run's targets.
  const approveLoad = { method: 'PATCH', headers: authHeaders(), body: '{}' };
  let warm = null;
  let passes = [];
  if (APPROVE_WARMUP > 0) {
    passes = await warmUntilSteady(seeder, (pool) =>
      runLoad({ ...approveLoad, instances, seconds: APPROVE_WARMUP, pool }),
    );
    warm = passes.at(-1).result;
    log(
      `approve warm-up: ${passes.map((p) => p.result.rps.toFixed(0)).join(', ')} approves/s (2xx) in ${passes.length} passes`,
    );
  }
  const targets = await measuredPool(seeder, warm?.rps);
  log(
    `seeded ${targets.initial} approve targets for ${targets.sizedFor}/s × ${DURATION} s × ${TARGET_SAFETY}`,
  );
  // Nothing pending from the runs before (dead rows, statistics, dirty pages): as the ceiling.
  await settleDatabase(db);
  const tables = await tableRows(db);
  const meter = startMeter(system);
  const r = await runLoad({
    ...approveLoad,
    headers: authHeaders(),
    instances,
    seconds: DURATION,
    pool: targets,
  });
  const cpu = meter.used(r.responses);
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
  for (const [i, p] of passes.entries()) {
    await checkRun(db, row, p.pool, p.result.ok, `warm-up ${i + 1}`);
  }
  await checkRun(db, row, targets, r.ok);
  return row;
}
