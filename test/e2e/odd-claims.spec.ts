import { snapshot } from '../support/database.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_CLIENT_ID, TEST_USER_ID, tokenFor } from '../support/tokens.js';
import { v3Body } from '../support/v3.js';

/**
 * Odd identity claims (docs/api.md, Bearer tokens): `sub` and `client_id` are 1–255 characters
 * of printable ASCII. Anything else is refused before it reaches a list, a create or a phone
 * verification, where PostgreSQL would refuse it (NUL: a 500) or silently change it (a lone
 * surrogate stored as U+FFFD, so that the creator lost its own request and client "mis\ufffdx"
 * got it).
 */
const SCOPES = [
  'person_request:read',
  'person_request:write',
  'otp_verification:write',
  'event:read',
];
const INVALID = { type: 'access_denied', message: 'Invalid access token' };

const ODD: [string, string][] = [
  ['a NUL', 'a\u0000b'],
  ['a lone surrogate', 'mis\ud800x'],
  ['a space', 'client one'],
  ['DEL', 'client\u007f'],
  ['non-ASCII letters', 'клієнт'],
  ['256 characters', 'c'.repeat(256)],
];

describe('odd sub and client_id claims', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const calls = (authorization: string) => [
    t.http.get('/api/v3/person_requests').set('Authorization', authorization),
    t.http.post('/api/v3/person_requests').set('Authorization', authorization).send(v3Body()),
    t.http
      .post('/api/verifications')
      .set('Authorization', authorization)
      .send({ phone_number: '+380971112233' }),
    t.http.get('/api/events').set('Authorization', authorization),
  ];

  describe.each([
    ['client_id', (value: string) => tokenFor(SCOPES, { clientId: value })],
    ['sub', (value: string) => tokenFor(SCOPES, { sub: value, clientId: TEST_CLIENT_ID })],
  ])('%s', (_claim, token) => {
    it.each(ODD)(
      'of %s: 401 on a list, a create and a verification, nothing written',
      async (_n, value) => {
        const before = await snapshot(t.pool);
        const answers = await Promise.all(calls(`Bearer ${token(value)}`));
        expect(answers.map((a) => [a.status, a.body.error])).toEqual(
          answers.map(() => [401, INVALID]),
        );
        expect(await snapshot(t.pool)).toEqual(before);
      },
    );
  });

  it('leaves no request a look-alike client can read: the creator is refused, nothing is stored', async () => {
    const lookAlike = `Bearer ${tokenFor(SCOPES, { clientId: 'mis\ufffdx' })}`;
    const before = await snapshot(t.pool);
    await t.http
      .post('/api/v3/person_requests')
      .set(
        'Authorization',
        `Bearer ${tokenFor(SCOPES, { clientId: 'mis\ud800x', sub: TEST_USER_ID })}`,
      )
      .send(v3Body())
      .expect(401);
    expect(await snapshot(t.pool)).toEqual(before);
    await t.http.get('/api/v3/person_requests').set('Authorization', lookAlike).expect(401);
  });

  it('still serves a printable client id of 255 characters', async () => {
    const res = await t.http
      .get('/api/v3/person_requests')
      .set('Authorization', `Bearer ${tokenFor(SCOPES, { clientId: 'k'.repeat(255) })}`)
      .expect(200);
    expect(res.body.data).toEqual([]);
  });
});
