import { Injectable } from '@nestjs/common';
import { CodeSender } from './code-sender.js';
import type { OtpVerification } from './otp-verifier.port.js';

/** Starts a phone verification: a new code goes to the phone, the previous one stops working. */
@Injectable()
export class InitializeVerificationUseCase {
  constructor(private readonly codes: CodeSender) {}

  execute(phoneNumber: string, clientId: string): Promise<OtpVerification> {
    return this.codes.send(phoneNumber, clientId);
  }
}
