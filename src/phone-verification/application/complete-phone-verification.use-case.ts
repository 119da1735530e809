import { Injectable } from '@nestjs/common';
import { DomainError, fail } from '../../kernel/domain/errors.js';
import { UA_PHONE } from '../../kernel/domain/phone.js';
import {
  OTP_REJECTION_TEXT,
  OtpVerifier,
  type OtpVerification,
} from '../../otp/application/otp-verifier.port.js';
import { OTP_ERRORS } from '../../otp/domain/otp-errors.js';
import { phoneVerificationPurpose } from '../../otp/domain/otp-purpose.js';

/**
 * Completes the caller's phone verification with its code (docs/api.md, Phone verification). A
 * refused code is the error 'otp_forbidden' (403 with the registry's text). No pending phone
 * verification of this client for the phone is 'not_found' (the OTP service's "Verification not
 * found"), whatever other clients or requests have pending there: another client learns nothing
 * and spends no attempt of theirs.
 */
@Injectable()
export class CompletePhoneVerificationUseCase {
  constructor(private readonly otp: OtpVerifier) {}

  async execute(phoneNumber: string, code: string, clientId: string): Promise<OtpVerification> {
    // No code can have been sent to a number outside the format.
    if (!UA_PHONE.test(phoneNumber)) throw fail(OTP_ERRORS.verificationNotFound);
    const result = await this.otp.complete(phoneNumber, phoneVerificationPurpose(clientId), code);
    if (result.ok) return result.verification;
    if (result.reason === 'not_found') throw fail(OTP_ERRORS.verificationNotFound);
    throw new DomainError('otp_forbidden', OTP_REJECTION_TEXT[result.reason]);
  }
}
