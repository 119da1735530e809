import { DataSource } from 'typeorm';
import { BuiltInOtpVerifier } from '../../../src/otp-built-in/adapters/persistence/built-in-otp-verifier.js';
import {
  EHEALTH_ENTITIES as ORM_ENTITIES,
  EHEALTH_MIGRATIONS as MIGRATIONS,
} from '../../../src/schema.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { createTestDatabase } from '../../support/database.js';
import { CapturingSmsSender, GatedSmsSender } from '../../support/otp-sms.js';
import { waitFor } from '../../support/wait-for.js';
import { NotSent } from '../../../src/otp/application/not-sent.js';
import { phoneVerificationPurpose, requestPurpose } from '../../../src/otp/domain/otp-purpose.js';

const PHONE = '+380971234567';
const MINE = phoneVerificationPurpose('client-a');
const THEIRS = phoneVerificationPurpose('client-b');
const REQUEST = requestPurpose(
  'person_request',
  '6f0c8a52-1d3e-4b7a-9c2f-0e1d2c3b4a59',
  'client-a',
);
const OTHER_PHONE = '+380501112233';
const T0 = new Date('2026-11-23T10:00:00.000Z');
const SETTINGS = {
  codeLength: 4,
  codeTtlMinutes: 15,
  maxAttempts: 3,
  resendIntervalSeconds: 60,
  hashKey: 'integration-test-hash-key-0123456789',
  smsTimeoutMs: 2_000,
};

describe('BuiltInOtpVerifier on PostgreSQL', () => {
  let databaseUrl: string;
  let dataSource: DataSource;
  let clock: FixedClock;
  let sms: CapturingSmsSender;

  const verifier = (overrides: Partial<typeof SETTINGS> = {}): BuiltInOtpVerifier =>
    new BuiltInOtpVerifier(dataSource, clock, sms, { ...SETTINGS, ...overrides });
  const rows = async (phone = PHONE): Promise<Record<string, unknown>[]> =>
    dataSource.query(
      'SELECT * FROM otp_verifications WHERE phone_number = $1 ORDER BY inserted_at',
      [phone],
    );
  const wrongCode = (right: string): string => (right === '1000' ? '1001' : '1000');

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('otp');
    dataSource = new DataSource({
      type: 'postgres',
      url: databaseUrl,
      entities: ORM_ENTITIES,
      migrations: MIGRATIONS,
      migrationsRun: true,
      logging: false,
    });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
  });
  beforeEach(async () => {
    await dataSource.query('TRUNCATE otp_verifications, verified_phones');
    clock = new FixedClock(T0);
    sms = new CapturingSmsSender();
  });

  it('sends a code and stores a NEW verification that expires after the TTL', async () => {
    const verification = await verifier().initialize(PHONE, MINE);
    expect(verification).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'NEW',
      codeExpiredAt: new Date('2026-11-23T10:15:00.000Z'),
      active: true,
    });
    expect(sms.lastCodeFor(PHONE)).toMatch(/^[1-9][0-9]{3}$/);
    expect(await rows()).toEqual([
      expect.objectContaining({ id: verification.id, status: 'NEW', attempts: 0 }),
    ]);
  });

  it('verifies the right code and remembers the phone as verified', async () => {
    const otp = verifier();
    const sent = await otp.initialize(PHONE, MINE);
    await expect(otp.isVerified(PHONE)).resolves.toBe(false);
    clock.advance(60_000);
    await expect(otp.complete(PHONE, MINE, sms.lastCodeFor(PHONE))).resolves.toEqual({
      ok: true,
      verification: {
        id: sent.id,
        status: 'VERIFIED',
        codeExpiredAt: sent.codeExpiredAt,
        active: false,
      },
    });
    await expect(otp.isVerified(PHONE)).resolves.toBe(true);
    await expect(otp.isVerified(OTHER_PHONE)).resolves.toBe(false);
    const [stored] = await dataSource.query('SELECT * FROM verified_phones');
    expect(stored).toEqual({ phone_number: PHONE, verified_at: new Date(T0.getTime() + 60_000) });
  });

  it('keeps a verified phone verified after a new code is sent', async () => {
    const otp = verifier();
    await otp.initialize(PHONE, MINE);
    await otp.complete(PHONE, MINE, sms.lastCodeFor(PHONE));
    clock.advance(120_000);
    await otp.initialize(PHONE, MINE);
    await expect(otp.isVerified(PHONE)).resolves.toBe(true);
  });

  it('treats a spent (verified) code as no verification', async () => {
    const otp = verifier();
    await otp.initialize(PHONE, MINE);
    const code = sms.lastCodeFor(PHONE);
    await otp.complete(PHONE, MINE, code);
    await expect(otp.complete(PHONE, MINE, code)).resolves.toEqual({
      ok: false,
      reason: 'not_found',
    });
  });

  it('answers not_found for a phone that was never sent a code', async () => {
    await expect(verifier().complete(PHONE, MINE, '1234')).resolves.toEqual({
      ok: false,
      reason: 'not_found',
    });
  });

  it.each<[string, number, string]>([
    ['one minute before expiry', 14 * 60_000, 'VERIFIED'],
    ['at the moment of expiry', 15 * 60_000, 'EXPIRED'],
    ['after expiry', 16 * 60_000, 'EXPIRED'],
  ])('judges the right code %s', async (_name, later, status) => {
    const otp = verifier();
    await otp.initialize(PHONE, MINE);
    clock.advance(later);
    const result = await otp.complete(PHONE, MINE, sms.lastCodeFor(PHONE));
    expect(result.ok ? 'VERIFIED' : result.reason).toBe(status === 'VERIFIED' ? status : 'expired');
    expect((await rows())[0]).toMatchObject({ status });
  });

  it('keeps answering expired for an expired code', async () => {
    const otp = verifier();
    await otp.initialize(PHONE, MINE);
    clock.advance(20 * 60_000);
    const code = sms.lastCodeFor(PHONE);
    await expect(otp.complete(PHONE, MINE, code)).resolves.toEqual({
      ok: false,
      reason: 'expired',
    });
    await expect(otp.complete(PHONE, MINE, code)).resolves.toEqual({
      ok: false,
      reason: 'expired',
    });
    await expect(otp.isVerified(PHONE)).resolves.toBe(false);
  });

  it('closes the code on the last wrong attempt, so even the right code then fails', async () => {
    const otp = verifier();
    await otp.initialize(PHONE, MINE);
    const right = sms.lastCodeFor(PHONE);
    const reasons: string[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await otp.complete(PHONE, MINE, wrongCode(right));
      reasons.push(result.ok ? 'ok' : result.reason);
    }
    expect(reasons).toEqual(['invalid_code', 'invalid_code', 'invalid_code']);
    await expect(otp.complete(PHONE, MINE, right)).resolves.toEqual({
      ok: false,
      reason: 'attempts_exceeded',
    });
    await expect(otp.complete(PHONE, MINE, wrongCode(right))).resolves.toEqual({
      ok: false,
      reason: 'attempts_exceeded',
    });
    expect((await rows())[0]).toMatchObject({ status: 'NEW', attempts: 3 });
    await expect(otp.isVerified(PHONE)).resolves.toBe(false);
  });

  it('counts concurrent wrong attempts one by one', async () => {
    const otp = verifier();
    await otp.initialize(PHONE, MINE);
    const wrong = wrongCode(sms.lastCodeFor(PHONE));
    const results = await Promise.all(
      Array.from({ length: 6 }, () => otp.complete(PHONE, MINE, wrong)),
    );
    const reasons = results.map((r) => (r.ok ? 'ok' : r.reason)).sort();
    expect(reasons).toEqual([
      'attempts_exceeded',
      'attempts_exceeded',
      'attempts_exceeded',
      'invalid_code',
      'invalid_code',
      'invalid_code',
    ]);
    expect((await rows())[0]).toMatchObject({ attempts: 3 });
  });

  it('cancels the old code when a new one is sent', async () => {
    const codes = [1111, 2222];
    const otp = new BuiltInOtpVerifier(dataSource, clock, sms, SETTINGS, () => codes.shift()!);
    const first = await otp.initialize(PHONE, MINE);
    clock.advance(61_000);
    const second = await otp.initialize(PHONE, MINE);
    expect((await rows()).map((r) => [r.id, r.status])).toEqual([
      [first.id, 'CANCELED'],
      [second.id, 'NEW'],
    ]);
    await expect(otp.complete(PHONE, MINE, '1111')).resolves.toEqual({
      ok: false,
      reason: 'invalid_code',
    });
    await expect(otp.complete(PHONE, MINE, '2222')).resolves.toMatchObject({ ok: true });
  });

  it('gives a fresh code a fresh set of attempts and a new expiry', async () => {
    const otp = verifier();
    await otp.initialize(PHONE, MINE);
    const first = sms.lastCodeFor(PHONE);
    for (let i = 0; i < 3; i++) await otp.complete(PHONE, MINE, wrongCode(first));
    clock.advance(16 * 60_000);
    const second = await otp.initialize(PHONE, MINE);
    expect(second.codeExpiredAt).toEqual(new Date(T0.getTime() + 31 * 60_000));
    await expect(otp.complete(PHONE, MINE, sms.lastCodeFor(PHONE))).resolves.toMatchObject({
      ok: true,
    });
  });

  it('refuses a new code of the purpose inside the resend interval, sending nothing, with Retry-After', async () => {
    const otp = verifier();
    await otp.initialize(PHONE, MINE);
    clock.advance(45_000);
    await expect(otp.initialize(PHONE, MINE)).rejects.toEqual(
      new NotSent(expect.objectContaining({ code: 'rate_limited', retryAfterSeconds: 15 })),
    );
    await expect(otp.initialize(OTHER_PHONE, MINE)).resolves.toMatchObject({ status: 'NEW' });
    clock.advance(15_000);
    await expect(otp.initialize(PHONE, MINE)).resolves.toMatchObject({ status: 'NEW' });
    expect(sms.sent.filter((m) => m.phoneNumber === PHONE)).toHaveLength(2);
    expect(await rows()).toHaveLength(2);
  });

  it('applies the resend interval after a verified code too', async () => {
    const otp = verifier();
    await otp.initialize(PHONE, MINE);
    await otp.complete(PHONE, MINE, sms.lastCodeFor(PHONE));
    await expect(otp.initialize(PHONE, MINE)).rejects.toMatchObject({
      refusal: { code: 'rate_limited' },
    });
  });

  it('keeps the resend interval per phone and purpose: other purposes send at once', async () => {
    const otp = verifier();
    await otp.initialize(PHONE, MINE);

    await expect(otp.initialize(PHONE, THEIRS)).resolves.toMatchObject({ status: 'NEW' });
    await expect(otp.initialize(PHONE, REQUEST)).resolves.toMatchObject({ status: 'NEW' });
    await expect(otp.initialize(PHONE, MINE)).rejects.toBeInstanceOf(NotSent);
    expect(sms.sent).toHaveLength(3);
  });

  it.each([0, 60])(
    'leaves exactly one live code after concurrent sends (interval %i s)',
    async (interval) => {
      const otp = verifier({ resendIntervalSeconds: interval });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, () => otp.initialize(PHONE, MINE)),
      );
      const sent = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.filter((o) => o.status === 'rejected');
      expect(sent).toHaveLength(interval === 0 ? 5 : 1);
      for (const r of refused)
        expect(r.reason).toMatchObject({ refusal: { code: 'rate_limited' } });
      const live = (await rows()).filter((r) => r.status === 'NEW');
      expect(live).toHaveLength(1);
      await expect(otp.complete(PHONE, MINE, sms.lastCodeFor(PHONE))).resolves.toMatchObject({
        ok: true,
      });
    },
  );

  it('leaves no live code when the SMS gateway clearly refuses, and says nothing was sent', async () => {
    const otp = verifier();
    sms.failWith = new NotSent(new Error(`gateway refused ${PHONE}`));
    await expect(otp.initialize(PHONE, MINE)).rejects.toEqual(
      new NotSent(expect.objectContaining({ code: 'unavailable' })),
    );
    expect(await rows()).toEqual([]);
    sms.failWith = undefined;
    await expect(otp.initialize(PHONE, MINE)).resolves.toMatchObject({ status: 'NEW' });
  });

  it('leaves no live code when the SMS gateway fails otherwise, and does not say nothing was sent', async () => {
    const otp = verifier();
    sms.failWith = new Error(`gateway timed out for ${PHONE}`);
    const error: unknown = await otp.initialize(PHONE, MINE).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unavailable' });
    expect(error).not.toBeInstanceOf(NotSent);
    expect(await rows()).toEqual([]);
  });

  it('says nothing was sent when the database fails before the SMS', async () => {
    const otp = verifier();
    await dataSource.query('ALTER TABLE otp_verifications RENAME TO otp_verifications_away');
    try {
      await expect(otp.initialize(PHONE, MINE)).rejects.toBeInstanceOf(NotSent);
    } finally {
      await dataSource.query('ALTER TABLE otp_verifications_away RENAME TO otp_verifications');
    }
    expect(sms.sent).toEqual([]);
  });

  describe('while the SMS is being sent', () => {
    let gate: GatedSmsSender;
    const gated = (overrides: Partial<typeof SETTINGS> = {}): BuiltInOtpVerifier =>
      new BuiltInOtpVerifier(dataSource, clock, gate, { ...SETTINGS, ...overrides });

    beforeEach(() => {
      gate = new GatedSmsSender();
    });

    it('holds no database connection', async () => {
      const narrow = new DataSource({
        type: 'postgres',
        url: databaseUrl,
        entities: ORM_ENTITIES,
        logging: false,
        // One connection: a send holding it would leave the query below none.
        extra: { max: 1, connectionTimeoutMillis: 3_000 },
      });
      await narrow.initialize();
      try {
        const sending = new BuiltInOtpVerifier(narrow, clock, gate, SETTINGS).initialize(
          PHONE,
          MINE,
        );
        await waitFor(() => gate.waiting === 1);

        await expect(narrow.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
        gate.open();
        await expect(sending).resolves.toMatchObject({ status: 'NEW' });
      } finally {
        await narrow.destroy();
      }
    });

    it('keeps the earlier code live until the new one went out, which then replaces it', async () => {
      const first = await verifier().initialize(PHONE, MINE);
      const earlier = sms.lastCodeFor(PHONE);
      clock.advance(61_000);
      const otp = gated();
      const sending = otp.initialize(PHONE, MINE);
      await waitFor(() => gate.waiting === 1);

      await expect(otp.complete(PHONE, MINE, gate.lastCodeFor(PHONE))).resolves.toEqual({
        ok: false,
        reason: 'invalid_code',
      });
      expect((await rows()).map((r) => [r.id, r.status])).toEqual([
        [first.id, 'NEW'],
        [expect.any(String), 'SENDING'],
      ]);
      gate.open();
      const second = await sending;

      expect((await rows()).map((r) => [r.id, r.status])).toEqual([
        [first.id, 'CANCELED'],
        [second.id, 'NEW'],
      ]);
      await expect(otp.complete(PHONE, MINE, earlier)).resolves.toMatchObject({
        reason: 'invalid_code',
      });
      await expect(otp.complete(PHONE, MINE, gate.lastCodeFor(PHONE))).resolves.toMatchObject({
        ok: true,
      });
    });

    it('lets the earlier code complete meanwhile', async () => {
      await verifier().initialize(PHONE, MINE);
      const earlier = sms.lastCodeFor(PHONE);
      clock.advance(61_000);
      const otp = gated();
      const sending = otp.initialize(PHONE, MINE);
      await waitFor(() => gate.waiting === 1);

      await expect(otp.complete(PHONE, MINE, earlier)).resolves.toMatchObject({ ok: true });
      gate.open();
      await expect(sending).resolves.toMatchObject({ status: 'NEW' });
      await expect(otp.complete(PHONE, MINE, gate.lastCodeFor(PHONE))).resolves.toMatchObject({
        ok: true,
      });
    });

    it('counts the code being sent for the resend interval: a second send is refused at once', async () => {
      const otp = gated();
      const sending = otp.initialize(PHONE, MINE);
      await waitFor(() => gate.waiting === 1);
      clock.advance(1_000);

      await expect(otp.initialize(PHONE, MINE)).rejects.toEqual(
        new NotSent(expect.objectContaining({ code: 'rate_limited', retryAfterSeconds: 59 })),
      );
      expect(gate.sent).toHaveLength(1);
      gate.open();
      await expect(sending).resolves.toMatchObject({ status: 'NEW' });
    });

    it('sends a code of another purpose meanwhile', async () => {
      const otp = gated();
      const sending = otp.initialize(PHONE, MINE);
      await waitFor(() => gate.waiting === 1);

      const other = otp.initialize(PHONE, REQUEST);
      await waitFor(() => gate.waiting === 2);
      gate.open();

      await expect(Promise.all([sending, other])).resolves.toMatchObject([
        { status: 'NEW' },
        { status: 'NEW' },
      ]);
    });

    it('leaves the earlier code live and frees the purpose when the sender fails', async () => {
      await verifier().initialize(PHONE, MINE);
      const earlier = sms.lastCodeFor(PHONE);
      const before = await rows();
      clock.advance(61_000);
      gate.failWith = new Error(`gateway reset for ${PHONE}`);
      gate.open();

      await expect(gated().initialize(PHONE, MINE)).rejects.toMatchObject({
        code: 'unavailable',
      });
      expect(await rows()).toEqual(before);
      await expect(verifier().complete(PHONE, MINE, earlier)).resolves.toMatchObject({ ok: true });
    });

    it('gives up on a sender that does not answer within its timeout: 503, outcome unknown, no code', async () => {
      const otp = gated({ smsTimeoutMs: 50 });

      const error: unknown = await otp.initialize(PHONE, MINE).catch((e: unknown) => e);

      expect(error).toMatchObject({ code: 'unavailable' });
      expect(error).not.toBeInstanceOf(NotSent);
      expect(await rows()).toEqual([]);
      gate.open();
    });

    it('never makes a code live whose send outlived its deadline, and it holds back nothing', async () => {
      // A send stuck past SMS_TIMEOUT_MS and the margin, as a process that stopped would leave it.
      const stuck = gated({ smsTimeoutMs: 60_000 });
      const sending = stuck.initialize(PHONE, MINE);
      await waitFor(() => gate.waiting === 1);
      const stuckCode = gate.lastCodeFor(PHONE);
      clock.advance(62_000);

      const fresh = await verifier({ smsTimeoutMs: 60_000 }).initialize(PHONE, MINE);
      gate.open();
      const late: unknown = await sending.catch((e: unknown) => e);

      expect(late).toMatchObject({ code: 'unavailable' });
      expect(late).not.toBeInstanceOf(NotSent);
      expect((await rows()).map((r) => [r.id, r.status])).toEqual([[fresh.id, 'NEW']]);
      expect(stuckCode).not.toBe(sms.lastCodeFor(PHONE));
      await expect(stuck.complete(PHONE, MINE, sms.lastCodeFor(PHONE))).resolves.toMatchObject({
        ok: true,
      });
    });
  });

  describe('codes per phone and purpose', () => {
    it('stores each code with its purpose and that purpose’s client', async () => {
      const otp = verifier();
      await otp.initialize(PHONE, MINE);
      await otp.initialize(PHONE, REQUEST);
      expect((await rows()).map((r) => [r.purpose, r.client_id, r.status])).toEqual([
        [MINE.key, 'client-a', 'NEW'],
        [REQUEST.key, 'client-a', 'NEW'],
      ]);
    });

    it('completes a code under its own purpose only; another purpose finds nothing and spends nothing', async () => {
      const otp = verifier();
      await otp.initialize(PHONE, REQUEST);
      const code = sms.lastCodeFor(PHONE);
      for (let i = 0; i < 4; i++) {
        await expect(otp.complete(PHONE, THEIRS, wrongCode(code))).resolves.toEqual({
          ok: false,
          reason: 'not_found',
        });
      }
      await expect(otp.complete(PHONE, MINE, code)).resolves.toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect((await rows())[0]).toMatchObject({ status: 'NEW', attempts: 0 });
      await expect(otp.complete(PHONE, REQUEST, code)).resolves.toMatchObject({ ok: true });
    });

    it('cancels only the old code of the same purpose when a new one is sent', async () => {
      const codes = [1111, 2222, 3333];
      const otp = new BuiltInOtpVerifier(dataSource, clock, sms, SETTINGS, () => codes.shift()!);
      await otp.initialize(PHONE, REQUEST);
      await otp.initialize(PHONE, THEIRS);
      clock.advance(61_000);
      await otp.initialize(PHONE, THEIRS);

      await expect(otp.complete(PHONE, THEIRS, '2222')).resolves.toMatchObject({
        reason: 'invalid_code',
      });
      await expect(otp.complete(PHONE, THEIRS, '3333')).resolves.toMatchObject({ ok: true });
      await expect(otp.complete(PHONE, REQUEST, '1111')).resolves.toMatchObject({ ok: true });
    });

    it('leaves another purpose’s code open when one purpose’s code is closed by wrong attempts', async () => {
      const codes = [1111, 2222];
      const otp = new BuiltInOtpVerifier(dataSource, clock, sms, SETTINGS, () => codes.shift()!);
      await otp.initialize(PHONE, REQUEST);
      await otp.initialize(PHONE, THEIRS);
      for (let i = 0; i < 3; i++) await otp.complete(PHONE, THEIRS, '9999');

      await expect(otp.complete(PHONE, THEIRS, '2222')).resolves.toMatchObject({
        reason: 'attempts_exceeded',
      });
      await expect(otp.complete(PHONE, REQUEST, '1111')).resolves.toMatchObject({ ok: true });
    });

    it('verifies the phone for everyone when any purpose’s code is completed', async () => {
      const otp = verifier();
      await otp.initialize(PHONE, REQUEST);
      await otp.complete(PHONE, REQUEST, sms.lastCodeFor(PHONE));
      await expect(otp.isVerified(PHONE)).resolves.toBe(true);
    });
  });

  it('never stores a code in clear, in any column', async () => {
    // 8-digit codes: a chance match inside a uuid, a hex hash or a timestamp is negligible.
    const otp = verifier({ codeLength: 8 });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      await otp.initialize(i % 2 === 0 ? PHONE : OTHER_PHONE, MINE);
      codes.push(sms.sent.at(-1)!.text.match(/\d{8}/)![0]);
      clock.advance(61_000);
    }
    const all: Record<string, unknown>[] = await dataSource.query(
      'SELECT * FROM otp_verifications',
    );
    expect(all).toHaveLength(5);
    const columns = Object.keys(all[0]);
    expect(columns).toEqual(
      expect.arrayContaining(['id', 'phone_number', 'code_hash', 'status', 'attempts']),
    );
    for (const row of all) {
      for (const column of columns) {
        const value = String(row[column] instanceof Date ? row[column].toISOString() : row[column]);
        for (const code of codes) expect(value).not.toContain(code);
      }
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('verifies a code sent before a restart with the same key', async () => {
    await verifier().initialize(PHONE, MINE);
    const restarted = verifier();
    await expect(restarted.complete(PHONE, MINE, sms.lastCodeFor(PHONE))).resolves.toMatchObject({
      ok: true,
    });
  });

  it('does not verify a code under another hash key', async () => {
    await verifier().initialize(PHONE, MINE);
    const otherKey = verifier({ hashKey: 'a-different-key-of-enough-length-xyz' });
    await expect(otherKey.complete(PHONE, MINE, sms.lastCodeFor(PHONE))).resolves.toEqual({
      ok: false,
      reason: 'invalid_code',
    });
  });

  it('uses the code the random source gives', async () => {
    const otp = new BuiltInOtpVerifier(dataSource, clock, sms, SETTINGS, () => 4821);
    await otp.initialize(PHONE, MINE);
    expect(sms.sent).toEqual([{ phoneNumber: PHONE, text: 'Ваш код підтвердження: 4821' }]);
    await expect(otp.complete(PHONE, MINE, '4821')).resolves.toMatchObject({ ok: true });
  });

  it('sends the configured message template with the code in it', async () => {
    const settings = {
      ...SETTINGS,
      messageTemplate: '{code} — код eHealth. Нікому не кажіть {code}.',
    };
    const otp = new BuiltInOtpVerifier(dataSource, clock, sms, settings, () => 4821);
    await otp.initialize(PHONE, MINE);
    expect(sms.sent).toEqual([
      { phoneNumber: PHONE, text: '4821 — код eHealth. Нікому не кажіть 4821.' },
    ]);
  });
});
