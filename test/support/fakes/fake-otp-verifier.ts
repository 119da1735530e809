import {
  OtpVerifier,
  type OtpCompletion,
  type OtpRejection,
  type OtpVerification,
} from '../../../src/otp/application/otp-verifier.port.js';
import { CallJournal } from './call-journal.js';

/**
 * The OTP service as its callers see it: `initialize` sends a new code (the previous one of the
 * phone stops working), `complete` accepts the phone's live code once and verifies the phone.
 * Codes are scripted (`codesToSend`, default 1234); a send can be made to fail, a completion to
 * be refused for a reason the code alone cannot give (expired, attempts exceeded).
 */
export class FakeOtpVerifier extends OtpVerifier {
  /** Phones a code was sent to, in order. */
  readonly sent: string[] = [];
  /** Every completion attempt, in order. */
  readonly attempts: { readonly phoneNumber: string; readonly code: string }[] = [];
  readonly verifiedPhones = new Set<string>();
  private readonly live = new Map<string, string>();
  private readonly codes: string[] = [];
  private readonly sendFailures: Error[] = [];
  private readonly refusals: OtpRejection[] = [];
  private verifications = 0;

  constructor(
    private readonly journal = new CallJournal(),
    private readonly codeExpiredAt = new Date('2026-11-23T10:15:00.000Z'),
  ) {
    super();
  }

  /** The codes the next sends deliver, in order. */
  codesToSend(...codes: string[]): this {
    this.codes.push(...codes);
    return this;
  }

  /** The next send throws `error` (the service's 429 or 503) and delivers nothing. */
  failNextSend(error: Error): this {
    this.sendFailures.push(error);
    return this;
  }

  /** The next completion is refused for `reason`, whatever the code. */
  refuseNextCompletion(reason: OtpRejection): this {
    this.refusals.push(reason);
    return this;
  }

  /** A code is live for the phone, as if sent before the test began. */
  issue(phoneNumber: string, code: string): this {
    this.live.set(phoneNumber, code);
    return this;
  }

  /** The phone completed a verification before the test began. */
  verified(phoneNumber: string): this {
    this.verifiedPhones.add(phoneNumber);
    return this;
  }

  liveCode(phoneNumber: string): string | undefined {
    return this.live.get(phoneNumber);
  }

  initialize(phoneNumber: string): Promise<OtpVerification> {
    this.journal.record('otp.initialize', phoneNumber);
    const failure = this.sendFailures.shift();
    if (failure) return Promise.reject(failure);
    this.live.set(phoneNumber, this.codes.shift() ?? '1234');
    this.sent.push(phoneNumber);
    return Promise.resolve(this.verification('NEW'));
  }

  complete(phoneNumber: string, code: string): Promise<OtpCompletion> {
    this.journal.record('otp.complete', phoneNumber, code);
    this.attempts.push({ phoneNumber, code });
    return Promise.resolve(this.judge(phoneNumber, code));
  }

  private judge(phoneNumber: string, code: string): OtpCompletion {
    const refusal = this.refusals.shift();
    if (refusal) return { ok: false, reason: refusal };
    const live = this.live.get(phoneNumber);
    if (live === undefined) return { ok: false, reason: 'not_found' };
    if (live !== code) return { ok: false, reason: 'invalid_code' };
    this.live.delete(phoneNumber);
    this.verifiedPhones.add(phoneNumber);
    return { ok: true, verification: this.verification('VERIFIED') };
  }

  isVerified(phoneNumber: string): Promise<boolean> {
    this.journal.record('otp.isVerified', phoneNumber);
    return Promise.resolve(this.verifiedPhones.has(phoneNumber));
  }

  private verification(status: 'NEW' | 'VERIFIED'): OtpVerification {
    this.verifications += 1;
    return {
      id: `00000000-0000-4000-8000-${String(this.verifications).padStart(12, '0')}`,
      status,
      codeExpiredAt: new Date(this.codeExpiredAt.getTime()),
      active: status === 'NEW',
    };
  }
}
