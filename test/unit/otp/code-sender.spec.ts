import { CodeSender } from '../../../src/otp/application/code-sender.js';
import { ERRORS } from '../../../src/kernel/domain/error-catalogue.js';
import { fail, rateLimited, unavailable } from '../../../src/kernel/domain/errors.js';
import type { SmsBudget } from '../../../src/otp/application/sms-budget.port.js';
import { CallJournal } from '../../support/fakes/call-journal.js';
import { FakeOtpVerifier } from '../../support/fakes/fake-otp-verifier.js';
import { FakeSmsBudget } from '../../support/fakes/fake-sms-budget.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { CLIENT_ID, NOW, OTHER_CLIENT_ID } from '../../support/mothers.js';

const PHONE = '+380971234567';

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

    const verification = await sender(budget).send(PHONE, CLIENT_ID);

    expect(verification).toMatchObject({ status: 'NEW', active: true });
    expect(journal.entries).toEqual([`budget.reserve ${CLIENT_ID}`, `otp.initialize ${PHONE}`]);
    expect(budget.reservations).toEqual([{ clientId: CLIENT_ID, at: NOW, released: false }]);
    expect(otp.sent).toEqual([PHONE]);
  });

  it.each([
    ['is down', unavailable(ERRORS.otpUnavailable.message)],
    ['limits the phone', rateLimited(ERRORS.resendTooSoon.message, 60)],
  ])('gives the count back when the OTP service %s, and answers its error', async (_n, error) => {
    const budget = new FakeSmsBudget(5, journal);
    otp.failNextSend(error);

    await expect(sender(budget).send(PHONE, CLIENT_ID)).rejects.toBe(error);

    expect(journal.entries).toEqual([
      `budget.reserve ${CLIENT_ID}`,
      `otp.initialize ${PHONE}`,
      `budget.release ${CLIENT_ID}`,
    ]);
    expect(budget.counted(CLIENT_ID)).toBe(0);
  });

  it('gives the count back when the rest of the call fails after the send', async () => {
    const budget = new FakeSmsBudget(5, journal);
    const refused = fail(ERRORS.concurrentChange);

    await expect(
      sender(budget).send(PHONE, CLIENT_ID, () => {
        journal.record('rest');
        return Promise.reject(refused);
      }),
    ).rejects.toBe(refused);

    expect(journal.entries).toEqual([
      `budget.reserve ${CLIENT_ID}`,
      `otp.initialize ${PHONE}`,
      'rest',
      `budget.release ${CLIENT_ID}`,
    ]);
    expect(budget.counted(CLIENT_ID)).toBe(0);
  });

  it('keeps the count when the rest of the call succeeds', async () => {
    const budget = new FakeSmsBudget(5, journal);

    await sender(budget).send(PHONE, CLIENT_ID, () => Promise.resolve(journal.record('rest')));

    expect(journal.entries).toEqual([
      `budget.reserve ${CLIENT_ID}`,
      `otp.initialize ${PHONE}`,
      'rest',
    ]);
    expect(budget.counted(CLIENT_ID)).toBe(1);
  });

  it('answers the OTP service’s error even when the refund fails too', async () => {
    const error = unavailable(ERRORS.otpUnavailable.message);
    otp.failNextSend(error);
    const budget: SmsBudget = {
      reserve: () => Promise.resolve(() => Promise.reject(new Error('database down'))),
    };

    await expect(
      new CodeSender(otp, budget, new FixedClock(NOW)).send(PHONE, CLIENT_ID),
    ).rejects.toBe(error);
  });

  it('refuses past the budget before anything is sent, with Retry-After', async () => {
    const budget = new FakeSmsBudget(1, journal);
    await sender(budget).send(PHONE, CLIENT_ID);

    await expect(sender(budget).send(PHONE, CLIENT_ID)).rejects.toMatchObject({
      ...ERRORS.smsLimit,
      retryAfterSeconds: 1800,
    });

    expect(otp.sent).toEqual([PHONE]);
    expect(journal.only('otp.')).toEqual([`otp.initialize ${PHONE}`]);
  });

  it('counts each client on its own', async () => {
    const budget = new FakeSmsBudget(1, journal);
    await sender(budget).send(PHONE, CLIENT_ID);

    await expect(sender(budget).send(PHONE, OTHER_CLIENT_ID)).resolves.toMatchObject({
      status: 'NEW',
    });
    expect(otp.sent).toEqual([PHONE, PHONE]);
  });
});
