import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { ExternalOtpVerifier } from '../../../src/otp/adapters/external/external-otp-verifier.js';
import { HttpOtpVerifier } from '../../../src/otp/adapters/http/http-otp-verifier.js';
import { NotSent } from '../../../src/otp/application/not-sent.js';
import { phoneVerificationPurpose, requestPurpose } from '../../../src/otp/domain/otp-purpose.js';
import { createTestDatabase, migratedDataSource } from '../../support/database.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { FakeOtpServer } from '../../support/otp-server.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * ExternalOtpVerifier: the port's purposes on a service that keeps one code per phone, with the
 * holders of its codes in PostgreSQL (docs/domain-rules.md, OTP verification).
 */
const PHONE = '+380971234567';
const T0 = new Date('2026-11-23T10:00:00.000Z');
const A_REQUEST = requestPurpose(
  'person_request',
  'e1a3f6b2-0c4d-4e5f-8a9b-0c1d2e3f4a5b',
  'client-a',
);
const A_VERIFICATION = phoneVerificationPurpose('client-a');
const B_VERIFICATION = phoneVerificationPurpose('client-b');
const wrongOf = (code: string): string => (code === '1000' ? '1001' : '1000');
const B_REQUEST = requestPurpose(
  'person_request',
  '0a9b8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d',
  'client-b',
);

describe('ExternalOtpVerifier against a server speaking the registry OTP contract', () => {
  let dataSource: DataSource;
  let server: FakeOtpServer;
  let clock: FixedClock;
  let otp: ExternalOtpVerifier;

  const verifier = (timeoutMs = 2_000) =>
    new ExternalOtpVerifier(
      new HttpOtpVerifier({ url: server.url, timeoutMs }),
      dataSource,
      clock,
      { timeoutMs },
    );
  const holders = () =>
    dataSource.query<{ phone_number: string; purpose: string; client_id: string }[]>(
      'SELECT phone_number, purpose, client_id, live_until FROM otp_code_holders',
    );
  const posts = () => server.requests.filter((r) => r.method === 'POST');
  const patches = () => server.requests.filter((r) => r.method === 'PATCH');
  /** Connections of the pool in use (checked out), none while no statement runs. */
  const checkedOut = () => {
    const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
    return pool.totalCount - pool.idleCount;
  };
  const calls = () => dataSource.query<{ kind: string }[]>('SELECT kind FROM otp_service_calls');

  beforeAll(async () => {
    dataSource = await migratedDataSource(await createTestDatabase('otp_external'));
    server = await FakeOtpServer.start({ now: () => clock.now() });
  });
  afterAll(async () => {
    await dataSource.destroy();
    await server.close();
  });
  beforeEach(async () => {
    await dataSource.query('TRUNCATE otp_code_holders, otp_service_calls');
    server.reset();
    clock = new FixedClock(T0);
    otp = verifier();
  });

  it('remembers the purpose, client and expiry of the code the service holds', async () => {
    const sent = await otp.initialize(PHONE, A_REQUEST);

    expect(await holders()).toEqual([
      {
        phone_number: PHONE,
        purpose: A_REQUEST.key,
        client_id: 'client-a',
        live_until: sent.codeExpiredAt,
      },
    ]);
  });

  it("refuses another client's phone verification while a code is live, sending nothing", async () => {
    await otp.initialize(PHONE, A_REQUEST);
    clock.advance(60_000);

    const refused: unknown = await otp.initialize(PHONE, B_VERIFICATION).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(NotSent);
    expect((refused as NotSent).refusal).toMatchObject({
      code: 'rate_limited',
      message: 'Too many verification codes requested for this phone',
      retryAfterSeconds: 14 * 60,
    });
    expect(posts()).toHaveLength(1);
    expect(await holders()).toMatchObject([{ purpose: A_REQUEST.key }]);
  });

  it('lets a client replace its own live code, and any code once it is used or expired', async () => {
    await otp.initialize(PHONE, A_REQUEST);
    await expect(otp.initialize(PHONE, A_VERIFICATION)).resolves.toMatchObject({ status: 'NEW' });

    await otp.complete(PHONE, A_VERIFICATION, server.lastCodeFor(PHONE)!);
    expect(await holders()).toEqual([]);
    await expect(otp.initialize(PHONE, B_VERIFICATION)).resolves.toMatchObject({ status: 'NEW' });

    clock.advance(15 * 60_000);
    await expect(otp.initialize(PHONE, A_VERIFICATION)).resolves.toMatchObject({ status: 'NEW' });
  });

  it("sends a request's code over another client's live code, which then reaches the service no more", async () => {
    await otp.initialize(PHONE, B_VERIFICATION);
    await otp.initialize(PHONE, A_REQUEST);
    const code = server.lastCodeFor(PHONE)!;

    await expect(otp.complete(PHONE, B_VERIFICATION, code)).resolves.toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect(patches()).toEqual([]);
    await expect(otp.complete(PHONE, A_REQUEST, code)).resolves.toMatchObject({ ok: true });
  });

  it('keeps the expired and closed answers of the service for the code’s own purpose', async () => {
    await otp.initialize(PHONE, B_REQUEST);
    const code = server.lastCodeFor(PHONE)!;
    const wrong = code === '1000' ? '1001' : '1000';
    for (let i = 0; i < 3; i++) await otp.complete(PHONE, B_REQUEST, wrong);

    await expect(otp.complete(PHONE, B_REQUEST, code)).resolves.toEqual({
      ok: false,
      reason: 'attempts_exceeded',
    });
  });

  it('leaves the table as it was when the send may have gone out, and when it was refused', async () => {
    await otp.initialize(PHONE, A_REQUEST);
    const before = await holders();

    server.behave({ kind: 'error' });
    await expect(otp.initialize(PHONE, B_REQUEST)).rejects.toMatchObject({ code: 'unavailable' });
    server.behave({ kind: 'rate-limited' });
    await expect(otp.initialize(PHONE, B_REQUEST)).rejects.toBeInstanceOf(NotSent);

    expect(await holders()).toEqual(before);
  });

  it('says nothing was sent when the table cannot be read, and calls no service', async () => {
    await dataSource.query('ALTER TABLE otp_code_holders RENAME TO otp_code_holders_away');
    try {
      await expect(otp.initialize(PHONE, A_REQUEST)).rejects.toBeInstanceOf(NotSent);
    } finally {
      await dataSource.query('ALTER TABLE otp_code_holders_away RENAME TO otp_code_holders');
    }
    expect(server.requests).toEqual([]);
  });

  it('makes a completion wait for a send in flight to the phone, so it never meets the new code', async () => {
    await otp.initialize(PHONE, B_VERIFICATION);
    const codeOfB = server.lastCodeFor(PHONE)!;
    server.behave({ kind: 'slow', afterMs: 300 });

    const sending = otp.initialize(PHONE, A_REQUEST);
    // The send has reached the service, which has not answered yet.
    await waitFor(() => posts().length === 2);
    server.behave({ kind: 'normal' });
    const completing = otp.complete(PHONE, B_VERIFICATION, codeOfB);

    await expect(sending).resolves.toMatchObject({ status: 'NEW' });
    await expect(completing).resolves.toEqual({ ok: false, reason: 'not_found' });
    expect(patches()).toEqual([]);
  });

  it.each([
    ['a send', () => otp.initialize(PHONE, A_REQUEST), () => posts().length === 2],
    [
      'a completion',
      () => otp.complete(PHONE, B_VERIFICATION, server.lastCodeFor(PHONE)!),
      () => patches().length === 1,
    ],
  ])('holds no database connection while %s waits for the service', async (_n, call, arrived) => {
    await otp.initialize(PHONE, B_VERIFICATION);
    server.behave({ kind: 'slow', afterMs: 300 });

    const calling = call();
    await waitFor(arrived);

    expect(checkedOut()).toBe(0);
    expect(await calls()).toHaveLength(1);
    await expect(calling).resolves.toBeDefined();
    expect(await calls()).toEqual([]);
  });

  it('lets completions of the code reach the service together', async () => {
    await otp.initialize(PHONE, B_VERIFICATION);
    const code = server.lastCodeFor(PHONE)!;
    server.behave({ kind: 'slow', afterMs: 300 });

    const completing = [1, 2].map(() => otp.complete(PHONE, B_VERIFICATION, wrongOf(code)));
    await waitFor(() => patches().length === 2);

    expect(await calls()).toEqual([{ kind: 'complete' }, { kind: 'complete' }]);
    await expect(Promise.all(completing)).resolves.toEqual([
      { ok: false, reason: 'invalid_code' },
      { ok: false, reason: 'invalid_code' },
    ]);
  });

  it('makes a send wait for the completions in flight, so none meets the new code', async () => {
    await otp.initialize(PHONE, B_VERIFICATION);
    const codeOfB = server.lastCodeFor(PHONE)!;
    server.behave({ kind: 'slow', afterMs: 300 });
    let postsWhenCompleted = -1;
    const completing = otp
      .complete(PHONE, B_VERIFICATION, wrongOf(codeOfB))
      .finally(() => (postsWhenCompleted = posts().length));
    await waitFor(() => patches().length === 1);

    const sending = otp.initialize(PHONE, A_REQUEST);

    await expect(completing).resolves.toEqual({ ok: false, reason: 'invalid_code' });
    await expect(sending).resolves.toMatchObject({ status: 'NEW' });
    expect(postsWhenCompleted).toBe(1);
    expect(posts()).toHaveLength(2);
  });

  it('forgets the turn of a process that died once it ends, and then goes', async () => {
    await otp.initialize(PHONE, B_VERIFICATION);
    // A send taken by a process that stopped mid-call: its turn ends by itself.
    await dataSource.query(
      `INSERT INTO otp_service_calls (id, phone_number, kind, live_until)
       VALUES (gen_random_uuid(), $1, 'send', clock_timestamp() + interval '300 milliseconds')`,
      [PHONE],
    );

    await expect(
      otp.complete(PHONE, B_VERIFICATION, server.lastCodeFor(PHONE)!),
    ).resolves.toMatchObject({
      ok: true,
    });
    expect(await calls()).toEqual([]);
  });
});
