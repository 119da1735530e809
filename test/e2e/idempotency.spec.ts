import type { TestingModuleBuilder } from '@nestjs/testing';
import { NotSent } from '../../src/otp/application/not-sent.js';
import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { IdempotencySweep } from '../../src/platform/idempotency/idempotency-sweep.js';
import { createTestDatabase } from '../support/database.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { v3Body } from '../support/v3.js';

const SCOPES = ['otp_verification:write', 'person_request:write'];
const BUDGET = 3;
const HEADER = 'X-Idempotency-Key';
const CREATE = '/api/v3/person_requests';
const REUSED = {
  type: 'validation_failed',
  message: 'Validation failed',
  invalid: [
    {
      entry_type: 'json_data_property',
      entry: '$.headers.x-idempotency-key',
      rules: [
        {
          rule: 'invalid',
          description:
            'is already used for another request (another method, path or body) of this client',
          params: [],
        },
      ],
    },
  ],
};

let seq = 0;
const freshPhone = (): string => `+38095${String(1_000_000 + seq++).slice(1)}1`;
const token = (clientId: string) => ({
  Authorization: `Bearer ${tokenFor(SCOPES, { clientId })}`,
});
const otpBody = (phone = freshPhone()) =>
  v3Body({ person: { authentication_methods: [{ type: 'OTP', phone_number: phone }] } });

/**
 * `X-Idempotency-Key` over two instances on one database (docs/api.md, Safe retries): a retry
 * gets the first answer, whichever instance serves it and even after a restart, and does
 * nothing twice.
 */
describe('safe retries with X-Idempotency-Key, two instances', () => {
  let databaseUrl: string;
  let a: TestApp;
  let b: TestApp;
  const sms = new CapturingSmsSender();
  const customize = (builder: TestingModuleBuilder) =>
    builder.overrideProvider(SmsSender).useValue(sms);
  const start = () =>
    createTestApp({
      databaseUrl,
      env: { SMS_PER_CLIENT_PER_HOUR: String(BUDGET) },
      customize,
    });

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('idempotency');
    a = await start();
    b = await start();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });
  beforeEach(() => {
    sms.failWith = undefined;
  });

  const create = (t: TestApp, clientId: string, key: string | undefined, body: object) => {
    const call = t.http.post(CREATE).set(token(clientId));
    return (key === undefined ? call : call.set(HEADER, key)).send(body);
  };
  const requestsOf = async (clientId: string): Promise<number> => {
    const { rows } = await a.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM person_requests WHERE client_id = $1',
      [clientId],
    );
    return rows[0].n;
  };
  const keyRows = async (clientId: string) =>
    (
      await a.pool.query<{ key: string; status: number | null }>(
        'SELECT key, status FROM idempotency_keys WHERE client_id = $1 ORDER BY key',
        [clientId],
      )
    ).rows;

  it('answers 10 parallel identical creates on both instances with one request and one SMS', async () => {
    const body = otpBody();
    const sent = sms.sent.length;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => create(i % 2 ? a : b, 'client-race', 'race-1', body)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(201));
    const first = answers[0].body as { data: { id: string }; meta: Record<string, unknown> };
    for (const answer of answers) {
      expect(answer.body.data).toEqual(first.data);
      expect(answer.body.meta).toEqual({
        ...first.meta,
        request_id: answer.headers['x-request-id'],
        idempotency_key: 'race-1',
      });
    }
    expect(new Set(answers.map((r) => r.body.meta.request_id)).size).toBe(10);
    expect(await requestsOf('client-race')).toBe(1);
    expect(sms.sent.length - sent).toBe(1);
    expect(await keyRows('client-race')).toEqual([{ key: 'race-1', status: 201 }]);
  });

  it('replays after a restart, refuses the key with another body, keeps keys per client', async () => {
    const body = otpBody();
    const first = await create(a, 'client-restart', 'k-1', body);
    expect(first.status).toBe(201);
    await a.close();
    a = await start();
    const sent = sms.sent.length;
    const retry = await create(a, 'client-restart', 'k-1', body);
    expect(retry.status).toBe(201);
    expect(retry.body.data).toEqual(first.body.data);
    expect(retry.body.meta.idempotency_key).toBe('k-1');
    expect(retry.body.meta.request_id).not.toBe(first.body.meta.request_id);

    const other = await create(b, 'client-restart', 'k-1', otpBody());
    expect(other.status).toBe(422);
    expect(other.body.error).toEqual(REUSED);
    expect(other.body.meta.idempotency_key).toBe('k-1');
    // Another route with the same key and body is another request too.
    const elsewhere = await b.http
      .post('/api/verifications')
      .set(token('client-restart'))
      .set(HEADER, 'k-1')
      .send(body);
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error).toEqual(REUSED);

    const foreign = await create(b, 'client-other', 'k-1', body);
    expect(foreign.status).toBe(201);
    expect(foreign.body.data.id).not.toBe(first.body.data.id);
    expect(sms.sent.length - sent).toBe(1);
    expect(await requestsOf('client-restart')).toBe(1);
    expect(await requestsOf('client-other')).toBe(1);
  });

  it('keeps a 404 and a 422 answer, and answers without a key exactly as before', async () => {
    const missing = '/api/v3/person_requests/0b9c7c55-6f3e-4a53-9d5b-2b1f6a3c9e01/actions/reject';
    const notFound = await a.http.patch(missing).set(token('client-kept')).set(HEADER, 'nf');
    expect(notFound.status).toBe(404);
    expect(notFound.body.meta.idempotency_key).toBe('nf');
    const again = await b.http.patch(missing).set(token('client-kept')).set(HEADER, 'nf');
    expect(again.status).toBe(404);
    expect(again.body.error).toEqual(notFound.body.error);

    const invalid = await create(a, 'client-kept', 'bad-body', { person: 1 });
    expect(invalid.status).toBe(422);
    const replayed = await create(b, 'client-kept', 'bad-body', { person: 1 });
    expect(replayed.body).toEqual({
      ...invalid.body,
      meta: { ...invalid.body.meta, request_id: replayed.headers['x-request-id'] },
    });
    expect(await keyRows('client-kept')).toEqual([
      { key: 'bad-body', status: 422 },
      { key: 'nf', status: 404 },
    ]);

    const plain = await create(a, 'client-kept', undefined, { person: 1 });
    expect(plain.status).toBe(422);
    expect(plain.body.meta.idempotency_key).toBeUndefined();
    expect(plain.body.error).toEqual(invalid.body.error);
  });

  it('does not keep a 5xx or a 429: the retry runs again', async () => {
    const body = otpBody();
    sms.failWith = new NotSent(new Error('gateway refused the number'));
    const failed = await create(a, 'client-fail', 'retry-me', body);
    expect(failed.status).toBe(503);
    expect(await keyRows('client-fail')).toEqual([]);
    sms.failWith = undefined;
    const retried = await create(b, 'client-fail', 'retry-me', body);
    expect(retried.status).toBe(201);
    expect(await requestsOf('client-fail')).toBe(1);

    for (let i = 0; i < BUDGET; i++) {
      expect((await create(a, 'client-spent', undefined, otpBody())).status).toBe(201);
    }
    const limited = otpBody();
    const refused = await create(a, 'client-spent', 'after-limit', limited);
    expect(refused.status).toBe(429);
    expect(refused.body.meta.idempotency_key).toBe('after-limit');
    expect(await keyRows('client-spent')).toEqual([]);
    a.clock.advance(3_700_000);
    b.clock.set(a.clock.now());
    const later = await create(b, 'client-spent', 'after-limit', limited);
    expect(later.status).toBe(201);
  });

  it('refuses a malformed key on the header, before anything runs', async () => {
    const sent = sms.sent.length;
    for (const key of ['', 'a b', 'x'.repeat(256)]) {
      const answer = await create(a, 'client-keys', key, otpBody());
      expect(answer.status).toBe(422);
      expect(answer.body.error.invalid).toEqual([
        {
          entry_type: 'json_data_property',
          entry: '$.headers.x-idempotency-key',
          rules: [
            {
              rule: 'format',
              description: 'must be 1 to 255 printable ASCII characters (0x21-0x7E)',
              params: [],
            },
          ],
        },
      ]);
      expect(answer.body.meta.idempotency_key).toBeUndefined();
    }
    expect((await create(a, 'client-keys', 'x'.repeat(255), otpBody())).status).toBe(201);
    expect(sms.sent.length - sent).toBe(1);
  });

  it('forgets a key after IDEMPOTENCY_TTL_HOURS, and the sweep deletes it', async () => {
    expect((await create(a, 'client-ttl', 'old', otpBody())).status).toBe(201);
    a.clock.advance(24 * 3_600_000 + 1000);
    b.clock.set(a.clock.now());
    expect((await create(b, 'client-ttl', 'old', otpBody())).status).toBe(201);
    a.clock.advance(24 * 3_600_000 + 1000);
    expect(await a.app.get(IdempotencySweep).sweep()).toBeGreaterThan(0);
    expect(await keyRows('client-ttl')).toEqual([]);
  });
});
