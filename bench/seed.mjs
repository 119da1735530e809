// The data the runs need, written straight into the tables with generate_series (seeding a
// million rows through the API would take longer than the bench): approve targets, and filler
// rows that make the tables as large as a long-lived registry's. Ids are md5 of a prefix and a
// number, so every row can be named again without being read back. One request goes through the
// API instead, for the read and resend runs: it is created as a client creates it.
/* global fetch */
import { authHeaders, ACTOR, CLIENT_ID } from './tokens.mjs';

/** Creates one NEW person request with an OTP method through the API; returns its id. */
export async function createPersonRequest(instance, body) {
  const created = await fetch(`${instance.base}/api/v3/person_requests`, {
    method: 'POST',
    headers: authHeaders(),
    body: JSON.stringify(body),
  });
  if (created.status !== 201)
    throw new Error(`create person request: ${created.status} ${await created.text()}`);
  return (await created.json()).data.id;
}

export class Seeder {
  /**
   * `amrClientId`: whether authentication_method_requests has client_id (an older schema lacks
   * it; the seeded requests then go without).
   */
  constructor(db, { amrClientId }) {
    this.db = db;
    this.amrClientId = amrClientId;
    /** Approve targets seeded so far (their numbers are global, so every target is unique). */
    this.seeded = 0;
    /** Filler rows per table so far. */
    this.filler = 0;
  }

  /**
   * `count` fresh approve targets: a person whose only method is NA (so approve verifies nothing)
   * and one NEW request inserting OTP with a verified phone (which ends NA, adds OTP, runs rules
   * 02–05 — rule 02 fires: no tax id — sets VERIFICATION_NEEDED/RULES_TRIGGERED and records an
   * event: every write an approve can make except a rename), created by the bench's client.
   * Returns their ids: `p` the person, `r` the request.
   */
  async approveTargets(count) {
    const { db } = this;
    const from = this.seeded + 1;
    const to = this.seeded + count;
    this.seeded = to;
    await db.query(
      `INSERT INTO persons (id, first_name, last_name, birth_date, gender, tax_id, no_tax_id,
                            verification_status, inserted_at, updated_at)
       SELECT md5('ap' || g)::uuid, 'Bench', 'Approve', date '1980-01-01' + (g % 7000), 'MALE',
              NULL, true, 'NOT_VERIFIED', now(), now()
       FROM generate_series($1::int, $2::int) g`,
      [from, to],
    );
    await db.query(
      `INSERT INTO person_authentication_methods (id, person_id, type, started_at, inserted_at)
       SELECT md5('am' || g)::uuid, md5('ap' || g)::uuid, 'NA', now(), now()
       FROM generate_series($1::int, $2::int) g`,
      [from, to],
    );
    await db.query(
      `INSERT INTO authentication_method_requests (id, person_id, status, channel, action,
         authentication_method, authentication_method_current, documents, inserted_by,
         inserted_at, updated_at${this.amrClientId ? ', client_id' : ''})
       SELECT md5('ar' || g)::uuid, md5('ap' || g)::uuid, 'NEW', 'MIS', 'insert',
              json_build_object('type', 'OTP', 'phoneNumber', '+38063' || lpad((g % 10000000)::text, 7, '0')),
              '{"type":"NA","verifiedBy":"NA"}', '[]', $3::uuid, now(), now()
              ${this.amrClientId ? ', $4::text' : ''}
       FROM generate_series($1::int, $2::int) g`,
      this.amrClientId ? [from, to, ACTOR, CLIENT_ID] : [from, to, ACTOR],
    );
    const { rows } = await db.query(
      `SELECT md5('ap' || g)::uuid AS p, md5('ar' || g)::uuid AS r
       FROM generate_series($1::int, $2::int) g ORDER BY g`,
      [from, to],
    );
    return rows;
  }

  /**
   * Filler up to `total` rows in persons (each with an OTP method), person_requests and
   * authentication_method_requests (mostly COMPLETED, every tenth NEW), as a long-lived registry
   * would hold. Tops up from the filler seeded so far; never removes any.
   */
  async fillTo(total) {
    const { db } = this;
    const have = this.filler;
    if (total <= have) return;
    const chunk = 200_000;
    for (let from = have + 1; from <= total; from += chunk) {
      const to = Math.min(total, from + chunk - 1);
      await db.query(
        `INSERT INTO persons (id, first_name, last_name, birth_date, gender, tax_id, no_tax_id,
                              verification_status, inserted_at, updated_at)
         SELECT md5('fp' || g)::uuid, 'Filler', 'Person' || g, date '1950-01-01' + (g % 20000),
                CASE WHEN g % 2 = 0 THEN 'MALE' ELSE 'FEMALE' END, NULL, true, 'VERIFIED',
                now(), now()
         FROM generate_series($1::int, $2::int) g`,
        [from, to],
      );
      await db.query(
        `INSERT INTO person_authentication_methods (id, person_id, type, phone_number, started_at, inserted_at)
         SELECT md5('fm' || g)::uuid, md5('fp' || g)::uuid, 'OTP',
                '+38067' || lpad((g % 10000000)::text, 7, '0'), now(), now()
         FROM generate_series($1::int, $2::int) g`,
        [from, to],
      );
      await db.query(
        `INSERT INTO authentication_method_requests (id, person_id, status, channel, action,
           authentication_method, authentication_method_current, documents, inserted_at, updated_at)
         SELECT md5('fr' || g)::uuid, md5('fp' || g)::uuid,
                CASE WHEN g % 10 = 0 THEN 'NEW' ELSE 'COMPLETED' END, 'MIS', 'insert',
                '{"type":"OFFLINE"}', '{"type":"OTP","verifiedBy":"OTP","phoneNumber":"+380670000000"}',
                '[]', now(), now()
         FROM generate_series($1::int, $2::int) g`,
        [from, to],
      );
      await db.query(
        `INSERT INTO person_requests (id, status, channel, person, person_id, client_id,
           patient_signed, process_disclosure_data_consent, authentication_method_current,
           documents, inserted_at, updated_at)
         SELECT md5('fq' || g)::uuid, CASE WHEN g % 10 = 0 THEN 'NEW' ELSE 'APPROVED' END, 'MIS',
                json_build_object('first_name', 'Filler', 'last_name', 'Person' || g),
                md5('fp' || g)::uuid, 'client-' || (g % 100), false, true,
                '{"type":"NA","verifiedBy":"NA"}', '[]', now() - (g || ' seconds')::interval, now()
         FROM generate_series($1::int, $2::int) g`,
        [from, to],
      );
    }
    // Vacuumed as well as analysed: the rows just written would otherwise be vacuumed (hint bits,
    // visibility map) by autovacuum during whichever run comes first, the service's approve, and
    // not during the ceiling's after it; a table in use has had that done long ago.
    await db.query(
      'VACUUM (ANALYZE) persons, person_authentication_methods, authentication_method_requests, person_requests',
    );
    this.filler = total;
  }
}

/** Rows per table, filler and approve targets together, as the results report them. */
export async function tableRows(db) {
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM persons)::int AS persons,
            (SELECT count(*) FROM authentication_method_requests)::int AS authentication_method_requests,
            (SELECT count(*) FROM person_requests)::int AS person_requests`,
  );
  return rows[0];
}
