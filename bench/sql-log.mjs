// --sql-log: prints the SQL one approve sends, as PostgreSQL logs it with log_statement=all, so
// the statements the database ceiling sends can be compared with the service's own. The log is
// collected only around that one approve; seeding and every other run are left out.
/* global fetch */
import { setTimeout as sleep } from 'node:timers/promises';
import { authHeaders } from './tokens.mjs';

/** Collects PostgreSQL's log lines while on; `onLog` is given to the database at its start. */
export function sqlCapture() {
  const capture = {
    on: false,
    lines: [],
    onLog: (line) => {
      if (capture.on) capture.lines.push(line);
    },
  };
  return capture;
}

/** Approves one fresh target on `instance` with statement logging on, and prints its SQL. */
export async function printApproveSql({ db, seeder, instance, capture }) {
  const [t] = await seeder.approveTargets(1);
  await db.query("ALTER SYSTEM SET log_statement = 'all'");
  await db.query('SELECT pg_reload_conf()');
  await sleep(300); // the reload reaches the backends asynchronously
  capture.on = true;
  const res = await fetch(
    `${instance.base}/api/persons/${t.p}/authentication_method_requests/${t.r}/actions/approve`,
    { method: 'PATCH', headers: authHeaders(), body: '{}' },
  );
  await sleep(300); // the log lines may come after the answer
  capture.on = false;
  await db.query('ALTER SYSTEM RESET log_statement');
  await db.query('SELECT pg_reload_conf()');
  process.stdout.write(`\nSQL of one approve (HTTP ${res.status}):\n`);
  for (const line of capture.lines.filter((l) => /statement:|execute|DETAIL/.test(l))) {
    process.stdout.write(`  ${line}\n`);
  }
  process.stdout.write('\n');
}
