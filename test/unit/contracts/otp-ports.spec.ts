import { describeOtpVerifierContract } from '../../contracts/otp-verifier.contract.js';
import { describeSmsBudgetContract } from '../../contracts/sms-budget.contract.js';
import { FakeOtpVerifier } from '../../support/fakes/fake-otp-verifier.js';
import { FakeSmsBudget } from '../../support/fakes/fake-sms-budget.js';

/** The OTP feature's ports' contracts on the fakes the use-case specs run on. */
describeOtpVerifierContract('the in-memory fake', () => {
  const otp = new FakeOtpVerifier();
  let next = 1000;
  return Promise.resolve({
    otp,
    sendCode: async (phone, purpose) => {
      const code = String((next += 1111));
      otp.codesToSend(code);
      await otp.initialize(phone, purpose);
      return code;
    },
  });
});

describeSmsBudgetContract('the in-memory fake', (perHour) =>
  Promise.resolve(new FakeSmsBudget(perHour)),
);
