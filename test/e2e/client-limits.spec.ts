import { randomUUID } from 'node:crypto';
import { createTestDatabase, snapshot } from '../support/database.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { v3Body } from '../support/v3.js';

/**
 * Per-client limits on reads and on signature checks (docs/api.md, Read limit, Sign limit), shared by
 * every instance on one database. Reads are served from slots each instance leases in blocks, so
 * a client may be refused a little early while the other instance holds unused slots, never
 * late: across both instances no client gets more than its limit in a minute.
 */
const READS = 100;
const SIGNS = 3;
const READ_LIMIT = { type: 'too_many_requests', message: 'Read limit for this client is reached' };
const SIGN_LIMIT = { type: 'too_many_requests', message: 'Sign limit for this client is reached' };
const SCOPES = ['person_request:read', 'person_request:write', 'event:read'];
/** A test makes up to a few hundred calls: room for a machine busy with other tests. */
const SLOW = 60_000;

const auth = (clientId: string) => ({
  Authorization: `Bearer ${tokenFor(SCOPES, { clientId })}`,
});

describe('read and sign limits per client, two instances on one database', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase('limits');
    const env = {
      READS_PER_CLIENT_PER_MINUTE: String(READS),
      SIGN_ATTEMPTS_PER_CLIENT_PER_MINUTE: String(SIGNS),
    };
    a = await createTestApp({ databaseUrl, env });
    b = await createTestApp({ databaseUrl, env, now: a.clock.now() });
  }, SLOW);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });
  beforeEach(() => {
    // Every test starts at the beginning of a fresh minute on both instances.
    a.clock.advance(120_000);
    b.clock.set(a.clock.now());
  });

  /** A read that answers 404 once past the guard: an unknown request. */
  const read = (t: TestApp, clientId: string) =>
    t.http.get(`/api/v3/person_requests/${randomUUID()}`).set(auth(clientId));
  const sign = (t: TestApp, clientId: string) =>
    t.http
      .patch(`/api/v3/person_requests/${randomUUID()}/actions/sign`)
      .set(auth(clientId))
      .send({ signed_content: 'MIIB' });

  /** Reads through `t` until one is refused; how many passed, and the refusal. */
  async function readUntilRefused(t: TestApp, clientId: string) {
    for (let passed = 0; passed <= READS; passed++) {
      const res = await read(t, clientId);
      if (res.status === 429) return { passed, refusal: res };
      expect(res.status).toBe(404);
    }
    throw new Error(`more than ${READS} reads passed on one instance`);
  }

  it(
    'serves exactly the limit across both instances, then 429 with Retry-After on either',
    async () => {
      const client = randomUUID();
      for (let i = 0; i < 51; i++) await read(a, client).expect(404);
      const onB = await readUntilRefused(b, client);
      const onA = await readUntilRefused(a, client);
      expect(51 + onB.passed + onA.passed).toBe(READS);
      for (const refusal of [onA.refusal, onB.refusal]) {
        expect(refusal.headers['retry-after']).toBe('60');
        expect(refusal.body).toEqual({
          meta: expect.objectContaining({ code: 429, request_id: expect.any(String) }),
          error: READ_LIMIT,
        });
      }
    },
    SLOW,
  );

  it(
    'never lets concurrent reads through both instances pass the limit',
    async () => {
      const client = randomUUID();
      const answers = await Promise.all(
        Array.from({ length: READS + 60 }, (_, i) => read(i % 2 === 0 ? a : b, client)),
      );
      const passed = answers.filter((r) => r.status === 404).length;
      expect(answers.filter((r) => r.status !== 404 && r.status !== 429)).toEqual([]);
      expect(passed).toBeLessThanOrEqual(READS);
      // What the instances still hold is served until the minute's limit is reached exactly.
      const rest =
        (await readUntilRefused(a, client)).passed + (await readUntilRefused(b, client)).passed;
      expect(passed + rest).toBe(READS);
    },
    SLOW,
  );

  it(
    'keeps counting one client apart from another: a 429 of one leaves the other reading',
    async () => {
      const greedy = randomUUID();
      const other = randomUUID();
      await readUntilRefused(a, greedy);
      await readUntilRefused(b, greedy);
      for (const t of [a, b]) {
        await read(t, other).expect(404);
        await t.http.get('/api/v3/person_requests').set(auth(other)).expect(200);
        await t.http.get('/api/events').set(auth(other)).expect(200);
      }
      await read(a, greedy).expect(429);
    },
    SLOW,
  );

  it(
    'opens a new minute: the count starts again',
    async () => {
      const client = randomUUID();
      await readUntilRefused(a, client);
      a.clock.advance(30_000);
      const refused = await read(a, client).expect(429);
      expect(refused.headers['retry-after']).toBe('30');
      a.clock.advance(30_000);
      await read(a, client).expect(404);
    },
    SLOW,
  );

  it(
    'does not count writes as reads',
    async () => {
      const client = randomUUID();
      await readUntilRefused(a, client);
      await a.http
        .post(`/api/person_requests/${randomUUID()}/actions/resend_otp`)
        .set(auth(client))
        .expect(404);
    },
    SLOW,
  );

  it(
    'counts sign attempts whatever their outcome, on both instances together',
    async () => {
      const client = randomUUID();
      await sign(a, client).expect(404);
      await sign(b, client).expect(404);
      // A NEW request of the client: signing it is refused (409), and still counted.
      const created = await a.http
        .post('/api/v3/person_requests')
        .set(auth(client))
        .send(v3Body({ person: { authentication_methods: [{ type: 'OFFLINE' }] } }))
        .expect(201);
      await b.http
        .patch(`/api/v3/person_requests/${created.body.data.id}/actions/sign`)
        .set(auth(client))
        .send({ signed_content: 'MIIB' })
        .expect(409);
      const before = await snapshot(a.pool);
      for (const t of [b, a]) {
        const refused = await sign(t, client).expect(429);
        expect(refused.body.error).toEqual(SIGN_LIMIT);
        expect(refused.headers['retry-after']).toBe('60');
      }
      expect(await snapshot(a.pool)).toEqual(before);
    },
    SLOW,
  );

  it(
    'counts only the routes declared as sign routes, and refuses one client only',
    async () => {
      const client = randomUUID();
      for (let i = 0; i < SIGNS; i++) await sign(a, client).expect(404);
      await sign(a, client).expect(429);
      await a.http
        .patch(`/api/v3/person_requests/${randomUUID()}/actions/reject`)
        .set(auth(client))
        .expect(404);
      await read(a, client).expect(404);
      await sign(b, randomUUID()).expect(404);
    },
    SLOW,
  );

  it(
    'checks the token and the scope before any limit',
    async () => {
      const client = randomUUID();
      await readUntilRefused(a, client);
      await a.http
        .get('/api/v3/person_requests')
        .set('Authorization', `Bearer ${tokenFor('event:read', { clientId: client })}`)
        .expect(403);
      await a.http.get('/api/v3/person_requests').set('Authorization', 'Bearer a.b.c').expect(401);
    },
    SLOW,
  );
});
