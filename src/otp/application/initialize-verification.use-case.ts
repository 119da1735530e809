import { Injectable } from '@nestjs/common';
import { OtpVerifier, type OtpVerification } from './otp-verifier.port.js';

/** Starts a phone verification: a new code goes to the phone, the previous one stops working. */
@Injectable()
export class InitializeVerificationUseCase {
  constructor(private readonly otp: OtpVerifier) {}

  execute(phoneNumber: string): Promise<OtpVerification> {
    return this.otp.initialize(phoneNumber);
  }
}
