import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { v3Body } from '../support/v3.js';

/**
 * Lists count their matches up to 10,000 and report that bound in `total_entries` when there are
 * more (docs/api.md, Lists), so that no list ever counts millions of rows; and every filter of a
 * list has an index that serves it in the list's order.
 */
const BOUND = 10_000;
const OVER = BOUND + 50;

describe('list totals are bounded', () => {
  let t: TestApp;
  const client = randomUUID();
  const entity = randomUUID();
  const events = `Bearer ${tokenFor('event:read')}`;
  const requests = (clientId: string) =>
    `Bearer ${tokenFor(['person_request:read', 'person_request:write'], { clientId })}`;

  beforeAll(async () => {
    t = await createTestApp();
    // Straight into the table: one event a second back from the test clock's now.
    await t.pool.query(
      `INSERT INTO events (id, event_type, entity_type, entity_id, properties, event_time)
       SELECT gen_random_uuid(), 'StateChangeEvent', 'Person', gen_random_uuid(),
              '{"verification_status":{"new_value":"VERIFIED"}}',
              $2::timestamptz - g * interval '1 second'
         FROM generate_series(1, $1::int) AS g`,
      [OVER, t.clock.now()],
    );
    await t.pool.query(
      `INSERT INTO events (id, event_type, entity_type, entity_id, properties, event_time)
       SELECT gen_random_uuid(), 'StateChangeEvent', 'Person', $1, '{}', now() - g * interval '1 hour'
         FROM generate_series(1, 3) AS g`,
      [entity],
    );
    const created = await t.http
      .post('/api/v3/person_requests')
      .set('Authorization', requests(client))
      .send(v3Body({ person: { authentication_methods: [{ type: 'OFFLINE' }] } }))
      .expect(201);
    await t.pool.query(
      `INSERT INTO person_requests (id, status, channel, person, person_id, client_id,
              patient_signed, process_disclosure_data_consent, authorize_with,
              authentication_method_current, documents, content, inserted_by, updated_by,
              inserted_at, updated_at)
       SELECT gen_random_uuid(), status, channel, person, person_id, client_id, patient_signed,
              process_disclosure_data_consent, authorize_with, authentication_method_current,
              documents, content, inserted_by, updated_by,
              inserted_at - g * interval '1 second', updated_at - g * interval '1 second'
         FROM person_requests, generate_series(1, $2::int) AS g
        WHERE id = $1`,
      [created.body.data.id, OVER],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    [50, 200],
    [300, 34],
    [7, 1429],
  ])('reports 10000 events and the pages of 10000 at page_size %i', async (size, pages) => {
    const res = await t.http
      .get(`/api/events?page_size=${size}`)
      .set('Authorization', events)
      .expect(200);
    expect(res.body.paging).toEqual({
      page_number: 1,
      page_size: size,
      total_entries: BOUND,
      total_pages: pages,
    });
    expect(res.body.data).toHaveLength(size);
  });

  it('bounds the total of a filtered list of events too, and counts a small one exactly', async () => {
    const all = await t.http
      .get('/api/events?entity_type=Person&event_type=StateChangeEvent')
      .set('Authorization', events)
      .expect(200);
    expect(all.body.paging.total_entries).toBe(BOUND);
    const few = await t.http
      .get(`/api/events?entity_id=${entity}`)
      .set('Authorization', events)
      .expect(200);
    expect(few.body.paging).toEqual({
      page_number: 1,
      page_size: 50,
      total_entries: 3,
      total_pages: 1,
    });
  });

  it.each(['/api/v3/person_requests', '/api/person_requests'])(
    "reports 10000 of the caller's person requests on %s, with and without a status",
    async (path) => {
      for (const query of ['', '?status=NEW', '?page_size=300&page=2']) {
        const res = await t.http
          .get(`${path}${query}`)
          .set('Authorization', requests(client))
          .expect(200);
        expect(res.body.paging.total_entries).toBe(BOUND);
      }
      const other = await t.http.get(path).set('Authorization', requests(randomUUID())).expect(200);
      expect(other.body.paging.total_entries).toBe(0);
    },
  );

  /** The plan of a list's page query when the planner may not scan the table. */
  async function plan(sql: string, params: unknown[]): Promise<string> {
    const connection = await t.pool.connect();
    try {
      await connection.query('BEGIN');
      await connection.query('SET LOCAL enable_seqscan = off');
      await connection.query('SET LOCAL enable_bitmapscan = off');
      const { rows } = await connection.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
      await connection.query('ROLLBACK');
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      connection.release();
    }
  }

  it.each<[string, string, unknown[], string]>([
    ['no filter', '', [], 'events_time_seq_idx'],
    ['entity_type', 'WHERE entity_type = $1', ['Person'], 'events_entity_type_time_idx'],
    ['entity_id', 'WHERE entity_id = $1', [randomUUID()], 'events_entity_id_time_idx'],
    ['event_type', 'WHERE event_type = $1', ['StateChangeEvent'], 'events_event_type_time_idx'],
    [
      'date',
      'WHERE event_time >= $1 AND event_time < $2',
      ['2026-11-22T22:00:00Z', '2026-11-23T22:00:00Z'],
      'events_time_seq_idx',
    ],
  ])(
    'serves the events filter %s from an index, in the list order',
    async (_n, where, params, index) => {
      const text = await plan(
        `SELECT id FROM events ${where} ORDER BY event_time DESC, seq DESC LIMIT 300`,
        params,
      );
      expect(text).toContain(`Index Scan using ${index}`);
      expect(text).not.toMatch(/Sort/);
    },
  );

  it.each<[string, string, unknown[]]>([
    ['no status', '', []],
    ['a status', "AND status = 'SIGNED'", []],
    ['NEW, not expired', "AND status = 'NEW' AND inserted_at > $2", ['2026-10-24T10:00:00Z']],
  ])(
    'serves the person requests of a client with %s from an index, in the list order',
    async (_n, where, params) => {
      const text = await plan(
        `SELECT id FROM person_requests WHERE client_id = $1 ${where}
        ORDER BY inserted_at DESC, id DESC LIMIT 300`,
        [client, ...params],
      );
      expect(text).toMatch(/Index (Only )?Scan using person_requests_client_\w+/);
      expect(text).not.toMatch(/Sort/);
    },
  );

  it.each<[string, string, unknown[]]>([
    ['no status', '', []],
    ['a status', "AND status = 'SIGNED'", []],
    ['NEW, not expired', "AND status = 'NEW' AND inserted_at > $2", ['2026-10-24T10:00:00Z']],
  ])(
    'serves the v3 person requests of a client with %s from a v3 index, in the list order',
    async (_n, where, params) => {
      const text = await plan(
        `SELECT id FROM person_requests WHERE client_id = $1 AND version = 3 ${where}
        ORDER BY inserted_at DESC, id DESC LIMIT 300`,
        [client, ...params],
      );
      expect(text).toMatch(/Index (Only )?Scan using person_requests_v3_client_\w+/);
      expect(text).not.toMatch(/Sort/);
    },
  );
});
