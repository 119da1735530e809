import { CodeSender } from '../../../src/otp/application/code-sender.js';
import { InitializePhoneVerificationUseCase } from '../../../src/phone-verification/application/initialize-phone-verification.use-case.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import { phoneVerificationPurpose, requestPurpose } from '../../../src/otp/domain/otp-purpose.js';
import { FakeOtpVerifier } from '../../support/fakes/fake-otp-verifier.js';
import { FakeSmsBudget } from '../../support/fakes/fake-sms-budget.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { CLIENT_ID, NOW, OTHER_CLIENT_ID } from '../../support/mothers.js';

const PHONE = '+380971234567';

describe('InitializePhoneVerificationUseCase', () => {
  let otp: FakeOtpVerifier;
  let budget: FakeSmsBudget;
  let initialize: InitializePhoneVerificationUseCase;

  beforeEach(() => {
    otp = new FakeOtpVerifier().codesToSend('1111', '2222');
    budget = new FakeSmsBudget(2);
    initialize = new InitializePhoneVerificationUseCase(
      new CodeSender(otp, budget, new FixedClock(NOW)),
    );
  });

  it("sends a new code to the phone, and the client's previous one stops working", async () => {
    await initialize.execute(PHONE, CLIENT_ID);
    const verification = await initialize.execute(PHONE, CLIENT_ID);

    expect(verification).toEqual({
      id: expect.any(String),
      status: 'NEW',
      codeExpiredAt: new Date('2026-11-23T10:15:00.000Z'),
      active: true,
    });
    expect(otp.liveCode(PHONE, phoneVerificationPurpose(CLIENT_ID))).toBe('2222');
  });

  it('leaves the codes of other clients and of requests to the phone alone', async () => {
    const theirs = phoneVerificationPurpose(OTHER_CLIENT_ID);
    const request = requestPurpose('person_request', 'r1', OTHER_CLIENT_ID);
    otp.issue(PHONE, '7777', theirs).issue(PHONE, '8888', request);

    await initialize.execute(PHONE, CLIENT_ID);

    expect(otp.sentFor).toEqual([phoneVerificationPurpose(CLIENT_ID).key]);
    expect(otp.liveCode(PHONE, theirs)).toBe('7777');
    expect(otp.liveCode(PHONE, request)).toBe('8888');
  });

  it('counts every code in the client budget and refuses past it', async () => {
    await initialize.execute(PHONE, CLIENT_ID);
    await initialize.execute(PHONE, CLIENT_ID);

    await expect(initialize.execute(PHONE, CLIENT_ID)).rejects.toMatchObject(ERRORS.smsLimit);
    expect(otp.sent).toHaveLength(2);
  });
});
