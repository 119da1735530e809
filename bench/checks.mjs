// After each approve warm-up and run, the database must agree with the answers the service gave:
// throughput made of approves that did not happen, or happened twice, would be worthless. Every
// target answered 2xx was approved exactly once (request COMPLETED, one event, NA ended, one
// active OTP); every refused one (4xx) and every one never sent is untouched; one left without an
// answer (or a 5xx) may be either, never half; COMPLETED == events == 2xx; and no person anywhere
// has two active own methods (OTP/OFFLINE). A broken guarantee invalidates the run's row.
import { is2xx } from './load.mjs';
import { invalidate } from './rows.mjs';

/** A target's state (one row of checkApproves' query) is exactly `expected`, field by field. */
const stateIs = (expected) => (s) =>
  Object.entries(expected).every(([field, value]) => s[field] === value);

/**
 * What one approve must have left in the database, per target, and what a target never approved
 * still holds. Adjust here if the approve of an NA person's insert-OTP request starts writing
 * something else.
 */
const APPROVED = stateIs({
  status: 'COMPLETED',
  events: 1,
  own: 1,
  otp: 1,
  na: 0,
  vs: 'VERIFICATION_NEEDED',
});
const UNTOUCHED = stateIs({
  status: 'NEW',
  events: 0,
  own: 0,
  otp: 0,
  na: 1,
  vs: 'NOT_VERIFIED',
});

/**
 * After a run: the database agrees with the answers. Each target answered 2xx was approved
 * exactly once, each refused one (4xx) is untouched, each unanswered one is either (never half),
 * targets never sent are untouched, COMPLETED == events == 2xx, and no person anywhere has two
 * active own methods. Returns the summary and the list of broken guarantees.
 */
async function checkApproves(db, pool, ok) {
  await pool.settle();
  const taken = pool.taken();
  const { rows } = await db.query(
    `WITH t AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS t(r, p)),
          e AS (SELECT entity_id, count(*)::int AS n FROM events
                 WHERE entity_id = ANY($2::uuid[]) GROUP BY entity_id),
          m AS (SELECT person_id,
                       count(*) FILTER (WHERE ended_at IS NULL AND type IN ('OTP', 'OFFLINE'))::int AS own,
                       count(*) FILTER (WHERE ended_at IS NULL AND type = 'NA')::int AS na,
                       count(*) FILTER (WHERE type = 'OTP')::int AS otp
                  FROM person_authentication_methods WHERE person_id = ANY($2::uuid[])
                 GROUP BY person_id)
     SELECT t.r, a.status, per.verification_status AS vs, coalesce(e.n, 0) AS events,
            coalesce(m.own, 0) AS own, coalesce(m.na, 0) AS na, coalesce(m.otp, 0) AS otp
       FROM t
       LEFT JOIN authentication_method_requests a ON a.id = t.r
       LEFT JOIN persons per ON per.id = t.p
       LEFT JOIN e ON e.entity_id = t.p
       LEFT JOIN m ON m.person_id = t.p`,
    [taken.map((t) => t.r), taken.map((t) => t.p)],
  );
  const state = new Map(rows.map((s) => [s.r, s]));
  let completed = 0;
  let events = 0;
  const contradictions = [];
  for (const t of taken) {
    const s = state.get(t.r);
    if (s.status === 'COMPLETED') completed += 1;
    events += s.events;
    const answer =
      t.status === undefined
        ? 'unanswered'
        : is2xx(t.status)
          ? 'approved'
          : t.status >= 400 && t.status < 500
            ? 'refused'
            : 'unanswered'; // a 5xx may or may not have committed
    const fine =
      answer === 'approved'
        ? APPROVED(s)
        : answer === 'refused'
          ? UNTOUCHED(s)
          : APPROVED(s) || UNTOUCHED(s);
    if (!fine) {
      contradictions.push(
        `${t.r} answered ${t.status ?? 'nothing'}: request ${s.status}, ${s.events} events, ` +
          `${s.own} active own, ${s.na} active NA, ${s.otp} OTP, person ${s.vs}`,
      );
    }
  }
  const untaken = pool.untaken().map((t) => t.r);
  const touched = (
    await db.query(
      `SELECT count(*)::int AS n FROM authentication_method_requests
        WHERE id = ANY($1::uuid[]) AND status <> 'NEW'`,
      [untaken],
    )
  ).rows[0].n;
  const twoActive = (
    await db.query(
      `SELECT count(*)::int AS n FROM (
         SELECT person_id FROM person_authentication_methods
          WHERE type IN ('OTP', 'OFFLINE') AND ended_at IS NULL
          GROUP BY person_id HAVING count(*) > 1) x`,
    )
  ).rows[0].n;
  const broken = [];
  if (completed !== ok) broken.push(`${completed} requests COMPLETED but ${ok} answered 2xx`);
  if (events !== ok) broken.push(`${events} events but ${ok} approves answered 2xx`);
  if (contradictions.length > 0)
    broken.push(
      `${contradictions.length} targets contradict their answers (e.g. ${contradictions.slice(0, 2).join(' | ')})`,
    );
  if (touched > 0) broken.push(`${touched} targets never sent are not NEW`);
  if (twoActive > 0) broken.push(`${twoActive} persons have two or more active own methods`);
  if (pool.refillError) broken.push(`a top-up of targets failed: ${pool.refillError.message}`);
  return {
    summary: {
      targets_taken: taken.length,
      ok_responses: ok,
      completed,
      events,
      contradictions: contradictions.length,
      untaken: untaken.length,
      untaken_touched: touched,
      persons_with_two_active_own_methods: twoActive,
      held: broken.length === 0,
    },
    broken,
  };
}

/** The guarantee checks of one approve warm-up or run; a broken one invalidates the row. */
export async function checkRun(db, row, pool, ok, label) {
  if (!pool) return;
  const { summary, broken } = await checkApproves(db, pool, ok);
  if (label) row.warmup_checks = summary;
  else row.checks = summary;
  for (const b of broken) invalidate(row, label ? `${label}: ${b}` : b);
}
