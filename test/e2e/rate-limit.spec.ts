import { randomUUID } from 'node:crypto';
import { snapshot } from '../support/database.js';
import { personBody } from '../support/persons.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_USER_ID, tokenFor } from '../support/tokens.js';

/** Per-client write rate limit (issue 7; RATE_LIMIT_WRITES_PER_MINUTE, api.md §1 429). */
describe('write rate limit per client (RATE_LIMIT_WRITES_PER_MINUTE=3)', () => {
  let t: TestApp;
  const CLIENT_A = randomUUID();
  const CLIENT_B = randomUUID();
  const write = (client: string) => ({
    Authorization: `Bearer ${tokenFor('person_request:write person:write', { clientId: client })}`,
  });
  /** A write route that answers 404 once past the guard: nothing is stored. */
  const resend = (headers: Record<string, string>) =>
    t.http.post(`/api/person_requests/${randomUUID()}/actions/resend_otp`).set(headers);

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

  it('keys a token without client_id by its sub', async () => {
    const noClient = {
      Authorization: `Bearer ${tokenFor('person_request:write', { extra: { client_id: undefined }, sub: TEST_USER_ID })}`,
    };
    for (let i = 0; i < 3; i++) await resend(noClient).expect(404);
    await resend(noClient).expect(429);
  });

  it('counts down Retry-After and opens the next window', async () => {
    t.clock.advance(45_000);
    const res = await resend(write(CLIENT_A)).expect(429);
    expect(res.headers['retry-after']).toBe('15');
    t.clock.advance(15_000);
    for (let i = 0; i < 3; i++) await resend(write(CLIENT_A)).expect(404);
    await resend(write(CLIENT_A)).expect(429);
  });
});
