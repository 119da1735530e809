import { randomUUID } from 'node:crypto';
import { snapshot } from '../support/database.js';
import { personBody } from '../support/persons.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_USER_ID, tokenFor } from '../support/tokens.js';

/**
 * Per-client write rate limit (RATE_LIMIT_WRITES_PER_MINUTE): counted in PostgreSQL, so every
 * instance on one database shares it.
 */
describe('write rate limit per client (RATE_LIMIT_WRITES_PER_MINUTE=3)', () => {
  let t: TestApp;
  const CLIENT_A = randomUUID();
  const CLIENT_B = randomUUID();
  const write = (client: string) => ({
    Authorization: `Bearer ${tokenFor('person_request:write person:write', { clientId: client })}`,
  });
  /** A write route that answers 404 once past the guard: nothing is stored. */
  const resend = (headers: Record<string, string>, app: TestApp = t) =>
    app.http.post(`/api/person_requests/${randomUUID()}/actions/resend_otp`).set(headers);

  beforeAll(async () => {
    // The fixed clock starts at 10:00:00.000Z, the start of a one-minute window.
    t = await createTestApp({ env: { RATE_LIMIT_WRITES_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets a client write 3 times a minute, then answers 429 with Retry-After', async () => {
    for (let i = 0; i < 3; i++) await resend(write(CLIENT_A)).expect(404);
    const res = await resend(write(CLIENT_A)).expect(429);
    expect(res.headers['retry-after']).toBe('60');
    expect(res.body).toEqual({
      meta: expect.objectContaining({ code: 429, request_id: expect.any(String) }),
      error: { type: 'too_many_requests', message: 'Too many write requests, retry later' },
    });
  });

  it('does not count reads, and counts every client on its own', async () => {
    await t.http
      .get('/api/v3/person_requests')
      .set('Authorization', `Bearer ${tokenFor('person_request:read', { clientId: CLIENT_A })}`)
      .expect(200);
    await resend(write(CLIENT_B)).expect(404);
  });

  it('changes nothing when it refuses a write', async () => {
    const before = await snapshot(t.pool);
    const res = await t.http
      .post('/api/persons')
      .set(write(CLIENT_A))
      .send(personBody())
      .expect(429);
    expect(res.body.error.type).toBe('too_many_requests');
    expect(await snapshot(t.pool)).toEqual(before);
  });

  it('checks the token and the scope first (401/403 are not rate-limited answers)', async () => {
    await resend({ Authorization: 'Bearer nope.nope.nope' }).expect(401);
    const res = await resend({
      Authorization: `Bearer ${tokenFor('person_request:read', { clientId: CLIENT_A })}`,
    }).expect(403);
    expect(res.body.error.type).toBe('forbidden');
  });

  it('refuses a token without client_id (401): every counted write has a client', async () => {
    const noClient = {
      Authorization: `Bearer ${tokenFor('person_request:write', { extra: { client_id: undefined }, sub: TEST_USER_ID })}`,
    };
    const res = await resend(noClient).expect(401);
    expect(res.body.error).toEqual({ type: 'access_denied', message: 'Invalid access token' });
  });

  it('counts down Retry-After and opens the next window', async () => {
    t.clock.advance(45_000);
    const res = await resend(write(CLIENT_A)).expect(429);
    expect(res.headers['retry-after']).toBe('15');
    t.clock.advance(15_000);
    for (let i = 0; i < 3; i++) await resend(write(CLIENT_A)).expect(404);
    await resend(write(CLIENT_A)).expect(429);
  });

  it('deletes ended windows, keeping the current and the previous one', async () => {
    t.clock.advance(120_000);
    await resend(write(CLIENT_B)).expect(404);
    const { rows } = await t.pool.query<{ window_start: Date }>(
      'SELECT DISTINCT window_start FROM rate_limit_windows ORDER BY 1',
    );
    expect(rows.map((r) => r.window_start.toISOString())).toEqual([
      new Date(t.clock.now().getTime()).toISOString(),
    ]);
  });

  describe('two instances on one database', () => {
    let second: TestApp;
    beforeAll(async () => {
      second = await createTestApp({
        databaseUrl: t.databaseUrl,
        now: t.clock.now(),
        env: { RATE_LIMIT_WRITES_PER_MINUTE: '3' },
      });
    });
    afterAll(async () => {
      await second.close();
    });

    it('share one count per client: 2 writes on one and 1 on the other fill the minute', async () => {
      const client = randomUUID();
      await resend(write(client)).expect(404);
      await resend(write(client), second).expect(404);
      await resend(write(client)).expect(404);
      const refused = await resend(write(client), second).expect(429);
      expect(refused.headers['retry-after']).toBe('60');
      await resend(write(client)).expect(429);
    });

    it('let concurrent writes through both instances take exactly the limit', async () => {
      const client = randomUUID();
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => resend(write(client), i % 2 === 0 ? t : second)),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 404)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    });
  });
});
