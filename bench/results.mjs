// The results of a bench: one JSON object with the settings, the machine, every run's row, the
// ratios and the verdict. The verdict is "met" or "not met" only when every run is valid, and
// null otherwise: one invalid run would make any verdict unfounded. The JSON is written for every
// run, partial and invalid ones included (bench/results/<timestamp>.json), so a failure can be
// studied; latest.json only for a complete, valid run, so it always holds a result worth citing.
// Files are written beside and renamed into place, so a reader never sees half a file.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { log } from './log.mjs';
import {
  APPROVE_RATE,
  APPROVE_WARMUP,
  CONNECTIONS,
  DURATION,
  INSTANCES,
  MAX_TARGETS,
  ONLY,
  POOL_SIZE,
  RESULTS,
  SCALES,
  TARGET_SAFETY,
  WARMUP,
} from './options.mjs';
import { ratiosOf } from './verdicts.mjs';

/** The results object of `state` (the runs made so far), whatever their validity. */
export function buildResults(state, startedAt, loadAtStart) {
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
      amrClientIdColumn: state.amrClientIdColumn,
    },
    scaleOut:
      INSTANCES > 1
        ? `${INSTANCES} instances on one database, ${cpus().length} CPUs shared by the instances, ` +
          'PostgreSQL and the load generator: the figures show that the guarantees hold across ' +
          'instances and what the extra instances cost, not the throughput more machines would add.'
        : null,
    valid,
    verdict: valid ? verdictOf(ratios, notMeasured) : null,
    invalid_runs: invalid,
    rows: state.rows,
    memory: state.memory,
    startup: state.startup,
    ratios,
    not_measured: notMeasured,
    context,
  };
}

/** Writes bench/results/<timestamp>.json, and latest.json too when `latest`. */
export function writeResults(result, startedAt, { latest }) {
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

/**
 * "met" only when every target was measured and met; a partial run (BENCH_ONLY, no BENCH_ROWS
 * with 1M, no memory run) says what it can: "not met", or that what it measured was met.
 */
function verdictOf(ratios, notMeasured) {
  const measured = Object.values(ratios);
  const missing = Object.keys(notMeasured).length;
  if (measured.some((r) => r.verdict !== 'met')) return 'not met';
  if (missing === 0) return 'met';
  if (measured.length === 0) return 'nothing measured';
  return `every measured target met; ${missing} not measured`;
}
