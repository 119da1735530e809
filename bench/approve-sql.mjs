// The approve's SQL for the database ceiling of `npm run bench`: the ONE place that knows which
// statements one approve sends and where they come from in dist/.
//
// When the approve path changes (another statement, another order, a module that moved), adjust
// this file only:
//   - DIST_EXPORTS: the exported names and where they are usually built. A name that is not at its
//     usual path is searched for in every dist/**/*.js whose src/**/*.ts still exists (so a stale
//     build output is never used); none or several definitions stop the benchmark with a message.
//   - ceilingStatements(): maps the imports to the statements the ceiling sends.
//   - approveStatements(): sends them in the service's order and parallelism.
// A statement the service prepares under a name (src/platform/database/statement.ts) is imported
// as { name, text } and sent so too, so the ceiling prepares exactly as the service does.
/* global queueMicrotask */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The audit row's client: the ceiling stands for one MIS client, as the service's run does. */
const CEILING_CLIENT_ID = 'bench-ceiling';

/** Exported name → its usual module under dist/ (a hint; the name is what counts). */
export const DIST_EXPORTS = {
  PERSON_SQL: 'person/adapters/persistence/typeorm-person-registry.js',
  AMR_SQL: 'auth-method-request/adapters/persistence/typeorm-auth-method-request.repository.js',
  EVENT_INSERT_SQL: 'events/adapters/persistence/typeorm-event-outbox.js',
  // Not SQL: the v3 person request body of the explorer's example, which the bench creates.
  V3_REQUEST_EXAMPLE: 'person-request/adapters/http/v3-request.example.js',
  V2_REQUEST_EXAMPLE: 'person-request/adapters/http/v2-request.example.js',
  AUDIT_INSERT_SQL: 'audit/adapters/persistence/typeorm-audit-log.js',
};

/** The statements the ceiling sends, from the imported objects. */
function ceilingStatements({ PERSON_SQL, AMR_SQL, EVENT_INSERT_SQL, AUDIT_INSERT_SQL }) {
  return {
    request: AMR_SQL.byId,
    // The person and then the request locked in one statement, then the person read (a read
    // inside the locking statement could be from before the wait): the order creates use too.
    lock: AMR_SQL.lockWithPerson,
    person: PERSON_SQL.load,
    endMethods: PERSON_SQL.endMethods,
    addMethod: PERSON_SQL.addMethod,
    verification: PERSON_SQL.changeVerification,
    event: EVENT_INSERT_SQL,
    complete: AMR_SQL.updateState,
    // The call's audit row, written before commit once the writes are done (AuditRecorder).
    audit: AUDIT_INSERT_SQL,
  };
}

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name.endsWith('.js')) out.push(path);
  }
  return out;
}

/** True when dist/<x>.js still has its src/<x>.ts (no src/ at all: trust dist/). */
function hasSource(root, distFile) {
  const src = join(root, 'src');
  if (!existsSync(src)) return true;
  return existsSync(join(src, relative(join(root, 'dist'), distFile).replace(/\.js$/, '.ts')));
}

/** Finds the module of dist/ that defines `name` (not one that only re-exports it). */
async function resolveExport(root, name, hint) {
  const dist = join(root, 'dist');
  const preferred = join(dist, hint);
  if (existsSync(preferred) && hasSource(root, preferred)) {
    const module = await import(pathToFileURL(preferred).href);
    if (name in module) return { value: module[name], from: relative(root, preferred) };
  }
  const defines = new RegExp(`^export\\s+(?:const|let|var|function|class)\\s+${name}\\b`, 'm');
  const found = walk(dist).filter(
    (file) => hasSource(root, file) && defines.test(readFileSync(file, 'utf8')),
  );
  if (found.length !== 1) {
    throw new Error(
      found.length === 0
        ? `bench/approve-sql.mjs: no module in dist/ exports ${name} (looked at ${hint} first). ` +
            'The approve path changed: update DIST_EXPORTS and ceilingStatements() in bench/approve-sql.mjs.'
        : `bench/approve-sql.mjs: ${name} is defined in several modules of dist/ ` +
            `(${found.map((f) => relative(root, f)).join(', ')}); set its path in DIST_EXPORTS.`,
    );
  }
  const module = await import(pathToFileURL(found[0]).href);
  if (!(name in module)) throw new Error(`${relative(root, found[0])} does not export ${name}`);
  return { value: module[name], from: relative(root, found[0]) };
}

/**
 * Imports every name of DIST_EXPORTS from dist/ (built by then) and returns them with the
 * ceiling's statements and where each name came from.
 */
export async function loadFromDist(root) {
  const imports = {};
  const sources = {};
  for (const [name, hint] of Object.entries(DIST_EXPORTS)) {
    const { value, from } = await resolveExport(root, name, hint);
    imports[name] = value;
    sources[name] = from;
  }
  const sql = ceilingStatements(imports);
  for (const [key, st] of Object.entries(sql)) {
    const text = typeof st === 'string' ? st : st?.text;
    if (typeof text !== 'string' || text.trim() === '') {
      throw new Error(
        `bench/approve-sql.mjs: the ceiling's statement "${key}" is missing from the imports ` +
          `(${Object.entries(sources)
            .map(([n, f]) => `${n} from ${f}`)
            .join(', ')}); adjust ceilingStatements().`,
      );
    }
  }
  return { imports, sources, sql };
}

/** Sends `st` as the service does: a named statement by its name, plain text unnamed. */
function send(client, st, values) {
  return typeof st === 'string'
    ? client.query(st, values)
    : client.query({ name: st.name, text: st.text, values });
}

/**
 * Holds what is written to the client's socket until the current synchronous code has issued its
 * statements, as the service does (TypeOrmUnitOfWork): statements issued together leave in one
 * write.
 */
function corkUntilYield(client) {
  const stream = client.connection?.stream;
  if (!stream?.cork) return;
  stream.cork();
  queueMicrotask(() => stream.uncork());
}

/** Every answer, or the failure of the first statement that failed, in the order sent. */
async function inOrder(pending) {
  const outcomes = await Promise.allSettled(pending);
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) throw failed.reason;
  return outcomes.map((o) => o.value);
}

/**
 * Everything one approve of an insert-OTP request of an NA person sends, in the service's order
 * and parallelism, through `pg`. Throws when the request is not NEW (a double approve).
 */
export async function approveStatements(pool, sql, { personId, requestId, actor, uuid, phone }) {
  // AuthMethodRequests.get: the request only (its person exists by foreign key).
  await send(pool, sql.request, [requestId]);
  const client = await pool.connect();
  let open = false;
  try {
    // START TRANSACTION leaves with the locking statement and the person's read (one write),
    // and nothing waits for it: TypeOrmUnitOfWork.begin and the approve use case.
    corkUntilYield(client);
    open = true;
    const [, locked, person] = await inOrder([
      client.query('START TRANSACTION'),
      send(client, sql.lock, [personId, requestId]),
      send(client, sql.person, [personId]),
    ]);
    if (locked.rows[0]?.status !== 'NEW') throw new Error(`request ${requestId} is not NEW`);
    const now = new Date();
    const active = person.rows[0].methods.filter((m) => m.ended_at === null).map((m) => m.id);
    // The writes are issued together, in the service's order, and travel back to back
    // (a pipelining pool, as the service's: ceiling.mjs).
    corkUntilYield(client);
    const writes = [];
    if (active.length > 0) writes.push(send(client, sql.endMethods, [now, active, null]));
    writes.push(
      send(client, sql.addMethod, [
        uuid(),
        personId,
        'OTP',
        phone,
        null,
        null,
        now,
        null,
        now,
        null,
      ]),
    );
    // Rule 02 (no tax id) fires for the seeded adult: VERIFICATION_NEEDED / RULES_TRIGGERED.
    writes.push(
      send(client, sql.verification, [
        personId,
        'VERIFICATION_NEEDED',
        'RULES_TRIGGERED',
        true,
        null,
        actor,
        now,
      ]),
    );
    writes.push(
      send(client, sql.event, [
        uuid(),
        'StateChangeEvent',
        'Person',
        personId,
        JSON.stringify({ verification_status: { new_value: 'VERIFICATION_NEEDED' } }),
        now,
        actor,
      ]),
    );
    writes.push(send(client, sql.complete, [requestId, 'COMPLETED', actor, now]));
    await inOrder(writes);
    // The audit row leaves with the COMMIT (TypeOrmUnitOfWork.commit).
    corkUntilYield(client);
    open = false;
    const [, commit] = await inOrder([
      send(client, sql.audit, [
        now,
        CEILING_CLIENT_ID,
        actor,
        'approve',
        'authentication_method_request',
        requestId,
        uuid(),
        201,
        null,
      ]),
      client.query('COMMIT'),
    ]);
    if (commit.command !== 'COMMIT') throw new Error(`request ${requestId}: COMMIT rolled back`);
  } catch (error) {
    if (open) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
