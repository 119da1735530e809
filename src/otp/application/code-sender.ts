import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../kernel/application/clock.port.js';
import { OtpVerifier, type OtpVerification } from './otp-verifier.port.js';
import { SmsBudget } from './sms-budget.port.js';

/**
 * Sends a new code to a phone on behalf of a client, within the client's SMS budget. Callers
 * make every other check first (404, 409, 422): the budget is the last refusal before the send.
 * A call refused for any reason counts nothing (docs/api.md, SMS budget): a send that fails (the
 * OTP service's 429 or 503) gives its count back, and so does a failure of `rest`, the part of
 * the call that runs after the send (a create's write, refused under the lock by a concurrent
 * change).
 */
@Injectable()
export class CodeSender {
  private readonly logger = new Logger('SmsBudget');

  constructor(
    private readonly otp: OtpVerifier,
    private readonly budget: SmsBudget,
    private readonly clock: Clock,
  ) {}

  async send(
    phoneNumber: string,
    clientId: string,
    rest: () => Promise<void> = async () => {},
  ): Promise<OtpVerification> {
    const release = await this.budget.reserve(clientId, this.clock.now());
    try {
      const verification = await this.otp.initialize(phoneNumber);
      await rest();
      return verification;
    } catch (error) {
      // The refusal is the answer; a refund that fails too is only logged.
      await release().catch((refundError: unknown) =>
        this.logger.warn({ err: refundError }, 'SMS budget refund failed'),
      );
      throw error;
    }
  }
}
