import { CompletePhoneVerificationUseCase } from '../../../src/phone-verification/application/complete-phone-verification.use-case.js';
import type { OtpRejection } from '../../../src/otp/application/otp-verifier.port.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import { phoneVerificationPurpose } from '../../../src/otp/domain/otp-purpose.js';
import { FakeOtpVerifier } from '../../support/fakes/fake-otp-verifier.js';
import { CLIENT_ID, OTHER_CLIENT_ID } from '../../support/mothers.js';

const PHONE = '+380971234567';
const MINE = phoneVerificationPurpose(CLIENT_ID);

describe('CompletePhoneVerificationUseCase', () => {
  let otp: FakeOtpVerifier;
  let complete: CompletePhoneVerificationUseCase;

  beforeEach(() => {
    otp = new FakeOtpVerifier().issue(PHONE, '4321', MINE);
    complete = new CompletePhoneVerificationUseCase(otp);
  });

  it('answers the verification when the code is right, and the phone is verified', async () => {
    await expect(complete.execute(PHONE, '4321', CLIENT_ID)).resolves.toMatchObject({
      status: 'VERIFIED',
      active: false,
    });
    expect(otp.verifiedPhones).toEqual(new Set([PHONE]));
  });

  it.each<[OtpRejection, string]>([
    ['invalid_code', ERRORS.invalidCode.message],
    ['expired', ERRORS.codeExpired.message],
    ['attempts_exceeded', ERRORS.attemptsExceeded.message],
  ])('answers 403 otp_forbidden with the registry text for %s', async (reason, message) => {
    otp.refuseNextCompletion(reason);

    await expect(complete.execute(PHONE, '4321', CLIENT_ID)).rejects.toMatchObject({
      code: 'otp_forbidden',
      message,
    });
    expect(otp.verifiedPhones.size).toBe(0);
  });

  it('answers 404 when the phone has no phone verification of the client pending', async () => {
    await expect(complete.execute('+380500000000', '4321', CLIENT_ID)).rejects.toMatchObject(
      ERRORS.verificationNotFound,
    );
  });

  it("answers 404 for another client's pending phone verification, and leaves its code alone", async () => {
    await expect(complete.execute(PHONE, '4321', OTHER_CLIENT_ID)).rejects.toMatchObject(
      ERRORS.verificationNotFound,
    );

    expect(otp.attempts).toEqual([
      { phoneNumber: PHONE, purpose: phoneVerificationPurpose(OTHER_CLIENT_ID).key, code: '4321' },
    ]);
    expect(otp.liveCode(PHONE, MINE)).toBe('4321');
    expect(otp.verifiedPhones.size).toBe(0);
  });
});
