import { CompleteVerificationUseCase } from '../../../src/otp/application/complete-verification.use-case.js';
import type { OtpRejection } from '../../../src/otp/application/otp-verifier.port.js';
import { ERRORS } from '../../../src/kernel/domain/error-catalogue.js';
import { FakeOtpVerifier } from '../../support/fakes/fake-otp-verifier.js';

const PHONE = '+380971234567';

describe('CompleteVerificationUseCase', () => {
  let otp: FakeOtpVerifier;
  let complete: CompleteVerificationUseCase;

  beforeEach(() => {
    otp = new FakeOtpVerifier().issue(PHONE, '4321');
    complete = new CompleteVerificationUseCase(otp);
  });

  it('answers the verification when the code is right, and the phone is verified', async () => {
    await expect(complete.execute(PHONE, '4321')).resolves.toMatchObject({
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

    await expect(complete.execute(PHONE, '4321')).rejects.toMatchObject({
      code: 'otp_forbidden',
      message,
    });
    expect(otp.verifiedPhones.size).toBe(0);
  });

  it('answers 404 when the phone has no verification', async () => {
    await expect(complete.execute('+380500000000', '4321')).rejects.toMatchObject(
      ERRORS.verificationNotFound,
    );
  });
});
