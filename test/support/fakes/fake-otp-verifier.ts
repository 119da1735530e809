import {
  OtpVerifier,
  type OtpCompletion,
  type OtpRejection,
  type OtpVerification,
} from '../../../src/otp/application/otp-verifier.port.js';
import type { OtpPurpose } from '../../../src/otp/domain/otp-purpose.js';
import { CallJournal } from './call-journal.js';

/**
 * The OTP service as its callers see it: `initialize` sends a new code of a purpose (the previous
 * one of that phone and purpose stops working), `complete` accepts the live code of the phone and
 * purpose once and verifies the phone; a code of another purpose is not found and not touched.
 * Codes are scripted (`codesToSend`, default 1234); a send can be made to fail, a completion to
 * be refused for a reason the code alone cannot give (expired, attempts exceeded).
 */
export class FakeOtpVerifier extends OtpVerifier {
  /** Phones a code was sent to, in order. */
  readonly sent: string[] = [];
  /** The purpose (key) of each code sent, in order. */
  readonly sentFor: string[] = [];
  /** Every completion attempt, in order. */
  readonly attempts: {
    readonly phoneNumber: string;
    readonly purpose: string;
    readonly code: string;
  }[] = [];
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

  /**
   * The next send rejects with `error` and delivers nothing: a NotSent for a clear refusal, any
   * other error for a send whose outcome is unknown.
   */
  failNextSend(error: Error): this {
    this.sendFailures.push(error);
    return this;
  }

  /** The next completion is refused for `reason`, whatever the code. */
  refuseNextCompletion(reason: OtpRejection): this {
    this.refusals.push(reason);
    return this;
  }

  /** A code of `purpose` is live for the phone, as if sent before the test began. */
  issue(phoneNumber: string, code: string, purpose: OtpPurpose): this {
    this.live.set(key(phoneNumber, purpose), code);
    return this;
  }

  /** The phone completed a verification before the test began. */
  verified(phoneNumber: string): this {
    this.verifiedPhones.add(phoneNumber);
    return this;
  }

  liveCode(phoneNumber: string, purpose: OtpPurpose): string | undefined {
    return this.live.get(key(phoneNumber, purpose));
  }

  initialize(phoneNumber: string, purpose: OtpPurpose): Promise<OtpVerification> {
    this.journal.record('otp.initialize', phoneNumber);
    const failure = this.sendFailures.shift();
    if (failure) return Promise.reject(failure);
    this.live.set(key(phoneNumber, purpose), this.codes.shift() ?? '1234');
    this.sent.push(phoneNumber);
    this.sentFor.push(purpose.key);
    return Promise.resolve(this.verification('NEW'));
  }

  complete(phoneNumber: string, purpose: OtpPurpose, code: string): Promise<OtpCompletion> {
    this.journal.record('otp.complete', phoneNumber, code);
    this.attempts.push({ phoneNumber, purpose: purpose.key, code });
    return Promise.resolve(this.judge(key(phoneNumber, purpose), phoneNumber, code));
  }

  private judge(liveKey: string, phoneNumber: string, code: string): OtpCompletion {
    const refusal = this.refusals.shift();
    if (refusal) return { ok: false, reason: refusal };
    const live = this.live.get(liveKey);
    if (live === undefined) return { ok: false, reason: 'not_found' };
    if (live !== code) return { ok: false, reason: 'invalid_code' };
    this.live.delete(liveKey);
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

function key(phoneNumber: string, purpose: OtpPurpose): string {
  return `${phoneNumber} ${purpose.key}`;
}
