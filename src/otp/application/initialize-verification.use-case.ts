import { Injectable } from '@nestjs/common';
import { phoneVerificationPurpose } from '../domain/otp-purpose.js';
import { CodeSender } from './code-sender.js';
import type { OtpVerification } from './otp-verifier.port.js';

/**
 * Starts a client's phone verification: a new code goes to the phone, and the client's previous
 * one for that phone stops working. Codes of other purposes (requests, other clients) are not
 * touched (docs/api.md, Phone verification).
 */
@Injectable()
export class InitializeVerificationUseCase {
  constructor(private readonly codes: CodeSender) {}

  execute(phoneNumber: string, clientId: string): Promise<OtpVerification> {
    return this.codes.send(phoneNumber, phoneVerificationPurpose(clientId));
  }
}
