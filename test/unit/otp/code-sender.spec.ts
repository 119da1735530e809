import { CodeSender } from '../../../src/otp/application/code-sender.js';
import { NotSent } from '../../../src/otp/application/not-sent.js';
import { phoneVerificationPurpose } from '../../../src/otp/domain/otp-purpose.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import { fail, rateLimited, unavailable } from '../../../src/kernel/domain/errors.js';
import type { SmsBudget } from '../../../src/otp/application/sms-budget.port.js';
import { CallJournal } from '../../support/fakes/call-journal.js';
import { FakeOtpVerifier } from '../../support/fakes/fake-otp-verifier.js';
import { FakeSmsBudget } from '../../support/fakes/fake-sms-budget.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { CLIENT_ID, NOW, OTHER_CLIENT_ID } from '../../support/mothers.js';

const PHONE = '+380971234567';
const MINE = phoneVerificationPurpose(CLIENT_ID);
const THEIRS = phoneVerificationPurpose(OTHER_CLIENT_ID);

describe('CodeSender', () => {
  let journal: CallJournal;
  let otp: FakeOtpVerifier;

  beforeEach(() => {
    journal = new CallJournal();
    otp = new FakeOtpVerifier(journal);
  });

  const sender = (budget: FakeSmsBudget) => new CodeSender(otp, budget, new FixedClock(NOW));

  it('counts the code in the client budget, now, then sends it', async () => {
    const budget = new FakeSmsBudget(5, journal);

    const verification = await sender(budget).send(PHONE, MINE);

    expect(verification).toMatchObject({ status: 'NEW', active: true });
    expect(journal.entries).toEqual([`budget.reserve ${CLIENT_ID}`, `otp.initialize ${PHONE}`]);
    expect(budget.reservations).toEqual([{ clientId: CLIENT_ID, at: NOW, released: false }]);
    expect(otp.sent).toEqual([PHONE]);
  });

  it.each([
    ['refuses clearly (or cannot be reached)', unavailable(ERRORS.otpUnavailable.message)],
    ['limits the phone', rateLimited(ERRORS.resendTooSoon.message, 60)],
  ])(
    'gives the count back when the OTP service %s and sent nothing, and answers its refusal',
    async (_n, refusal) => {
      const budget = new FakeSmsBudget(5, journal);
      otp.failNextSend(new NotSent(refusal));

      await expect(sender(budget).send(PHONE, MINE)).rejects.toBe(refusal);

      expect(journal.entries).toEqual([
        `budget.reserve ${CLIENT_ID}`,
        `otp.initialize ${PHONE}`,
        `budget.release ${CLIENT_ID}`,
      ]);
      expect(budget.counted(CLIENT_ID)).toBe(0);
    },
  );

  it.each([
    [
      'times out or fails after the request was written',
      unavailable(ERRORS.otpUnavailable.message),
    ],
    ['fails in an unforeseen way', new Error('socket hang up')],
  ])('keeps the count when the OTP service %s: the code may have gone out', async (_n, error) => {
    const budget = new FakeSmsBudget(5, journal);
    otp.failNextSend(error);

    await expect(sender(budget).send(PHONE, MINE)).rejects.toBe(error);

    expect(journal.entries).toEqual([`budget.reserve ${CLIENT_ID}`, `otp.initialize ${PHONE}`]);
    expect(budget.counted(CLIENT_ID)).toBe(1);
  });

  it('keeps the count when the rest of the call fails after the send: the code went out', async () => {
    const budget = new FakeSmsBudget(5, journal);
    const refused = fail(ERRORS.concurrentChange);

    await expect(
      sender(budget).send(PHONE, MINE, () => {
        journal.record('rest');
        return Promise.reject(refused);
      }),
    ).rejects.toBe(refused);

    expect(journal.entries).toEqual([
      `budget.reserve ${CLIENT_ID}`,
      `otp.initialize ${PHONE}`,
      'rest',
    ]);
    expect(budget.counted(CLIENT_ID)).toBe(1);
  });

  it('keeps the count when the rest of the call succeeds', async () => {
    const budget = new FakeSmsBudget(5, journal);

    await sender(budget).send(PHONE, MINE, () => Promise.resolve(journal.record('rest')));

    expect(journal.entries).toEqual([
      `budget.reserve ${CLIENT_ID}`,
      `otp.initialize ${PHONE}`,
      'rest',
    ]);
    expect(budget.counted(CLIENT_ID)).toBe(1);
  });

  it('answers the OTP service’s refusal even when the refund fails too', async () => {
    const refusal = unavailable(ERRORS.otpUnavailable.message);
    otp.failNextSend(new NotSent(refusal));
    const budget: SmsBudget = {
      reserve: () => Promise.resolve(() => Promise.reject(new Error('database down'))),
    };

    await expect(new CodeSender(otp, budget, new FixedClock(NOW)).send(PHONE, MINE)).rejects.toBe(
      refusal,
    );
  });

  it('refuses past the budget before anything is sent, with Retry-After', async () => {
    const budget = new FakeSmsBudget(1, journal);
    await sender(budget).send(PHONE, MINE);

    // The only code counted was sent now: it stops counting in an hour.
    await expect(sender(budget).send(PHONE, MINE)).rejects.toMatchObject({
      ...ERRORS.smsLimit,
      retryAfterSeconds: 3600,
    });

    expect(otp.sent).toEqual([PHONE]);
    expect(journal.only('otp.')).toEqual([`otp.initialize ${PHONE}`]);
  });

  it('counts each code for the client of its purpose', async () => {
    const budget = new FakeSmsBudget(1, journal);
    await sender(budget).send(PHONE, MINE);

    await expect(sender(budget).send(PHONE, THEIRS)).resolves.toMatchObject({
      status: 'NEW',
    });
    expect(otp.sent).toEqual([PHONE, PHONE]);
    expect(budget.counted(CLIENT_ID)).toBe(1);
    expect(budget.counted(OTHER_CLIENT_ID)).toBe(1);
  });
});
