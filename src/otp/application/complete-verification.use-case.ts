import { Injectable } from '@nestjs/common';
import { DomainError, fail } from '../../kernel/domain/errors.js';
import { UA_PHONE } from '../../kernel/domain/phone.js';
import { phoneVerificationPurpose } from '../domain/otp-purpose.js';
import { OTP_REJECTION_TEXT, OtpVerifier, type OtpVerification } from './otp-verifier.port.js';
import { OTP_ERRORS } from '../domain/otp-errors.js';

/**
 * Completes the caller's phone verification with its code (docs/api.md, Phone verification). A
 * refused code is the error 'otp_forbidden' (403 with the registry's text). No pending
 * verification of this client for the phone is 'not_found', whatever other clients or requests
 * have pending there: another client learns nothing and spends no attempt of theirs.
 */
@Injectable()
export class CompleteVerificationUseCase {
  constructor(private readonly otp: OtpVerifier) {}

  async execute(phoneNumber: string, code: string, clientId: string): Promise<OtpVerification> {
    // No verification can exist for a number outside the format.
    if (!UA_PHONE.test(phoneNumber)) throw fail(OTP_ERRORS.verificationNotFound);
    const result = await this.otp.complete(phoneNumber, phoneVerificationPurpose(clientId), code);
    if (result.ok) return result.verification;
    if (result.reason === 'not_found') throw fail(OTP_ERRORS.verificationNotFound);
    throw new DomainError('otp_forbidden', OTP_REJECTION_TEXT[result.reason]);
  }
}
