import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../kernel/application/clock.port.js';
import type { OtpPurpose } from '../domain/otp-purpose.js';
import { NotSent } from './not-sent.js';
import { OtpVerifier, type OtpVerification } from './otp-verifier.port.js';
import { SmsBudget } from './sms-budget.port.js';

/**
 * Sends a new code of a purpose to a phone, within the SMS budget of the purpose's client.
 * Callers make every other check first (404, 409, 422): the budget is the last refusal before
 * the send. Only a send that certainly delivered nothing (NotSent: the OTP service's 429, its
 * clear refusal, a connection never opened) gives its count back (docs/api.md, SMS budget). A
 * send whose outcome is unknown (a timeout, a reset, a 5xx) keeps it, and so does a send
 * followed by a failure of `rest`, the part of the call that runs after it (a create's write,
 * refused under the lock by a concurrent change): the SMS may have gone out, or did.
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
    purpose: OtpPurpose,
    rest: () => Promise<void> = async () => {},
  ): Promise<OtpVerification> {
    const release = await this.budget.reserve(purpose.clientId, this.clock.now());
    let verification: OtpVerification;
    try {
      verification = await this.otp.initialize(phoneNumber, purpose);
    } catch (error) {
      if (!(error instanceof NotSent)) throw error;
      // The refusal is the answer; a refund that fails too is only logged.
      await release().catch((refundError: unknown) =>
        this.logger.warn({ err: refundError }, 'SMS budget refund failed'),
      );
      throw error.refusal;
    }
    await rest();
    return verification;
  }
}
