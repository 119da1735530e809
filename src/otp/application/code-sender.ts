import { Injectable } from '@nestjs/common';
import { Clock } from '../../kernel/application/clock.port.js';
import { OtpVerifier, type OtpVerification } from './otp-verifier.port.js';
import { SmsBudget } from './sms-budget.port.js';

/**
 * Sends a new code to a phone on behalf of a client, within the client's SMS budget. Callers
 * make every other check first (404, 409, 422): the budget is the last refusal before the send,
 * and a send that fails (the OTP service's 429 or 503) gives its count back.
 */
@Injectable()
export class CodeSender {
  constructor(
    private readonly otp: OtpVerifier,
    private readonly budget: SmsBudget,
    private readonly clock: Clock,
  ) {}

  async send(phoneNumber: string, clientId: string): Promise<OtpVerification> {
    const release = await this.budget.reserve(clientId, this.clock.now());
    try {
      return await this.otp.initialize(phoneNumber);
    } catch (error) {
      await release();
      throw error;
    }
  }
}
