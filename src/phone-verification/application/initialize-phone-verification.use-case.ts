import { Injectable } from '@nestjs/common';
import { CodeSender } from '../../otp/application/code-sender.js';
import type { OtpVerification } from '../../otp/application/otp-verifier.port.js';
import { phoneVerificationPurpose } from '../../otp/domain/otp-purpose.js';

/**
 * Starts a client's phone verification: a new code goes to the phone, and the client's previous
 * one for that phone stops working. Codes of other purposes (requests, other clients) are not
 * touched (docs/api.md, Phone verification).
 */
@Injectable()
export class InitializePhoneVerificationUseCase {
  constructor(private readonly codes: CodeSender) {}

  execute(phoneNumber: string, clientId: string): Promise<OtpVerification> {
    return this.codes.send(phoneNumber, phoneVerificationPurpose(clientId));
  }
}
