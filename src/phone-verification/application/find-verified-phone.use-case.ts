import { Injectable } from '@nestjs/common';
import { fail } from '../../kernel/domain/errors.js';
import { UA_PHONE } from '../../kernel/domain/phone.js';
import { OtpVerifier } from '../../otp/application/otp-verifier.port.js';
import { OTP_ERRORS } from '../../otp/domain/otp-errors.js';

/**
 * GET /api/verifications/{phone_number}: whether the phone completed a code, of any purpose. Real
 * MIS clients ask it before they insert an OTP method; 404 when it did not (or cannot exist).
 */
@Injectable()
export class FindVerifiedPhoneUseCase {
  constructor(private readonly otp: OtpVerifier) {}

  async execute(phoneNumber: string): Promise<{ phoneNumber: string; status: 'VERIFIED' }> {
    if (!UA_PHONE.test(phoneNumber) || !(await this.otp.isVerified(phoneNumber))) {
      throw fail(OTP_ERRORS.verificationNotFound);
    }
    return { phoneNumber, status: 'VERIFIED' };
  }
}
