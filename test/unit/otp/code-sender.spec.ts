import { CodeSender } from '../../../src/otp/application/code-sender.js';
import { ERRORS } from '../../../src/kernel/domain/error-catalogue.js';
import { rateLimited, unavailable } from '../../../src/kernel/domain/errors.js';
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
