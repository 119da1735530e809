import { DataSource } from 'typeorm';
import { BuiltInOtpVerifier } from '../../../src/otp-built-in/adapters/persistence/built-in-otp-verifier.js';
import { ExternalOtpVerifier } from '../../../src/otp/adapters/external/external-otp-verifier.js';
import { HttpOtpVerifier } from '../../../src/otp/adapters/http/http-otp-verifier.js';
import type { OtpVerifier } from '../../../src/otp/application/otp-verifier.port.js';
import {
  phoneVerificationPurpose,
  requestPurpose,
  type OtpPurpose,
} from '../../../src/otp/domain/otp-purpose.js';
import { EHEALTH_ENTITIES, EHEALTH_MIGRATIONS } from '../../../src/schema.js';
import { createTestDatabase } from '../../support/database.js';
import { FakeOtpVerifier } from '../../support/fakes/fake-otp-verifier.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { FakeOtpServer } from '../../support/otp-server.js';
import { CapturingSmsSender } from '../../support/otp-sms.js';

/**
 * The promises of the OtpVerifier port that every adapter keeps, and the fake the use-case specs
 * rely on too (docs/domain-rules.md, OTP verification): a code belongs to its purpose.
 */
const PHONE = '+380971234567';
const T0 = new Date('2026-11-23T10:00:00.000Z');
const A_VERIFICATION = phoneVerificationPurpose('client-a');
const B_VERIFICATION = phoneVerificationPurpose('client-b');
const A_REQUEST = requestPurpose(
  'person_request',
  'e1a3f6b2-0c4d-4e5f-8a9b-0c1d2e3f4a5b',
  'client-a',
);
const A_OTHER_REQUEST = requestPurpose(
  'authentication_method_request',
  '5b4a3f2e-1d0c-4b9a-8f7e-6d5c4b3a2f10',
  'client-a',
);

/** An adapter under test, and how a test reads the code it sent last to a phone. */
interface Subject {
  readonly otp: OtpVerifier;
  sendCode(phone: string, purpose: OtpPurpose): Promise<string>;
}

const wrongOf = (code: string): string => (code === '1000' ? '1001' : '1000');
/** Codes that differ from one send to the next, so an old code is never the new one by chance. */
function distinctCodes(): () => number {
  let n = 0;
  return () => 1000 + (n++ % 9000);
}

let dataSource: DataSource;
let server: FakeOtpServer;
let clock: FixedClock;

beforeAll(async () => {
  dataSource = new DataSource({
    type: 'postgres',
    url: await createTestDatabase('otp_contract'),
    entities: EHEALTH_ENTITIES,
    migrations: EHEALTH_MIGRATIONS,
    migrationsRun: true,
    logging: false,
  });
  await dataSource.initialize();
  server = await FakeOtpServer.start({ now: () => clock.now(), nextCode: distinctCodes() });
});
afterAll(async () => {
  await dataSource.destroy();
  await server.close();
});
beforeEach(async () => {
  await dataSource.query('TRUNCATE otp_verifications, verified_phones, otp_code_holders');
  server.reset();
  clock = new FixedClock(T0);
});

const subjects: [string, () => Subject][] = [
  [
    'the in-memory fake',
    () => {
      const otp = new FakeOtpVerifier();
      let next = 1000;
      return {
        otp,
        sendCode: async (phone, purpose) => {
          const code = String((next += 1111));
          otp.codesToSend(code);
          await otp.initialize(phone, purpose);
          return code;
        },
      };
    },
  ],
  [
    'the built-in service',
    () => {
      const sms = new CapturingSmsSender();
      const otp = new BuiltInOtpVerifier(
        dataSource,
        clock,
        sms,
        {
          codeLength: 4,
          codeTtlMinutes: 15,
          maxAttempts: 3,
          resendIntervalSeconds: 0,
          hashKey: 'contract-test-hash-key-0123456789abcdef',
          smsTimeoutMs: 2_000,
        },
        distinctCodes(),
      );
      return {
        otp,
        sendCode: async (phone, purpose) => {
          await otp.initialize(phone, purpose);
          return sms.lastCodeFor(phone);
        },
      };
    },
  ],
  [
    'an external service (the registry contract over HTTP)',
    () => {
      const otp = new ExternalOtpVerifier(
        new HttpOtpVerifier({ url: server.url, timeoutMs: 2_000 }),
        dataSource,
        clock,
        { timeoutMs: 2_000 },
      );
      return {
        otp,
        sendCode: async (phone, purpose) => {
          await otp.initialize(phone, purpose);
          return server.lastCodeFor(phone)!;
        },
      };
    },
  ],
];

describe.each(subjects)('the OtpVerifier port: %s', (_name, make) => {
  let subject: Subject;

  beforeEach(() => {
    subject = make();
  });

  it('completes a code once, under its own purpose, and verifies the phone', async () => {
    const code = await subject.sendCode(PHONE, A_REQUEST);

    await expect(subject.otp.complete(PHONE, A_REQUEST, code)).resolves.toMatchObject({
      ok: true,
      verification: { status: 'VERIFIED', active: false },
    });
    await expect(subject.otp.complete(PHONE, A_REQUEST, code)).resolves.toEqual({
      ok: false,
      reason: 'not_found',
    });
    await expect(subject.otp.isVerified(PHONE)).resolves.toBe(true);
  });

  it.each([
    ["another client's phone verification", B_VERIFICATION],
    ["its own client's phone verification", A_VERIFICATION],
    ['another request of its client', A_OTHER_REQUEST],
  ])(
    'finds no code for %s, however often it tries, and spends none of the owner’s attempts',
    async (_n, intruder) => {
      const code = await subject.sendCode(PHONE, A_REQUEST);

      for (let i = 0; i < 4; i++) {
        await expect(subject.otp.complete(PHONE, intruder, wrongOf(code))).resolves.toEqual({
          ok: false,
          reason: 'not_found',
        });
      }
      await expect(subject.otp.complete(PHONE, intruder, code)).resolves.toEqual({
        ok: false,
        reason: 'not_found',
      });
      await expect(subject.otp.isVerified(PHONE)).resolves.toBe(false);

      await expect(subject.otp.complete(PHONE, A_REQUEST, code)).resolves.toMatchObject({
        ok: true,
      });
    },
  );

  it('replaces the old code of a purpose by its new one', async () => {
    const old = await subject.sendCode(PHONE, A_VERIFICATION);
    const fresh = await subject.sendCode(PHONE, A_VERIFICATION);

    const withOld = await subject.otp.complete(PHONE, A_VERIFICATION, old);
    expect(withOld.ok).toBe(false);
    await expect(subject.otp.complete(PHONE, A_VERIFICATION, fresh)).resolves.toMatchObject({
      ok: true,
    });
  });
});
