import { BuiltInOtpVerifier } from '../../../src/otp-built-in/adapters/persistence/built-in-otp-verifier.js';
import { ExternalOtpVerifier } from '../../../src/otp/adapters/external/external-otp-verifier.js';
import { HttpOtpVerifier } from '../../../src/otp/adapters/http/http-otp-verifier.js';
import { TypeOrmSmsBudget } from '../../../src/otp/adapters/persistence/typeorm-sms-budget.js';
import {
  describeOtpVerifierContract,
  distinctCodes,
} from '../../contracts/otp-verifier.contract.js';
import { describeSmsBudgetContract } from '../../contracts/sms-budget.contract.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { FakeOtpServer } from '../../support/otp-server.js';
import { CapturingSmsSender } from '../../support/otp-sms.js';
import { contractDatabase } from './contract-database.js';

/**
 * The OTP feature's ports' contracts on PostgreSQL: the built-in OTP service, an external one
 * over HTTP (the local server speaking the registry's contract), and the SMS budget.
 */
const db = contractDatabase('otp_ports');
const T0 = new Date('2026-11-23T10:00:00.000Z');
const OTP_TABLES = ['otp_verifications', 'verified_phones', 'otp_code_holders'];
let clock = new FixedClock(T0);
let server: FakeOtpServer | undefined;

afterAll(async () => {
  await server?.close();
});

describeOtpVerifierContract('the built-in service', async () => {
  await db.fresh(...OTP_TABLES);
  clock = new FixedClock(T0);
  const sms = new CapturingSmsSender();
  const otp = new BuiltInOtpVerifier(
    db.source(),
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
});

describeOtpVerifierContract('an external service (the registry contract over HTTP)', async () => {
  await db.fresh(...OTP_TABLES);
  clock = new FixedClock(T0);
  server ??= await FakeOtpServer.start({ now: () => clock.now(), nextCode: distinctCodes() });
  server.reset();
  const running = server;
  const otp = new ExternalOtpVerifier(
    new HttpOtpVerifier({ url: running.url, timeoutMs: 2_000 }),
    db.source(),
    clock,
    { timeoutMs: 2_000 },
  );
  return {
    otp,
    sendCode: async (phone, purpose) => {
      await otp.initialize(phone, purpose);
      return running.lastCodeFor(phone)!;
    },
  };
});

describeSmsBudgetContract('PostgreSQL', async (perHour) => {
  await db.fresh('sms_budget_entries');
  return new TypeOrmSmsBudget(db.source(), { perHour });
});
