import { Injectable } from '@nestjs/common';
import { DocumentStorage } from '../../document-storage/application/document-storage.port.js';
import { CodeSender } from '../../otp/application/code-sender.js';
import { OTP_REJECTION_TEXT, OtpVerifier } from '../../otp/application/otp-verifier.port.js';
import type { OtpPurpose } from '../../otp/domain/otp-purpose.js';
import type { CurrentMethod } from '../../person/domain/current-method.js';
import type { DocumentSlot } from '../../kernel/domain/document-slot.js';
import { ERRORS, missingDocuments } from '../../kernel/domain/error-catalogue.js';
import { DomainError, fail } from '../../kernel/domain/errors.js';
import { normalizeCode } from '../domain/verification-code.js';

/** The answer to a new code: the registry's verification as `data`. */
export interface SentCode {
  readonly id: string;
  readonly status: string;
  readonly code_expired_at: string;
  readonly active: boolean;
}

/**
 * How a patient proves a method on approve, shared by person requests and authentication method
 * requests: an OTP code to the current method's phone, uploaded scans, or nothing for NA.
 */
@Injectable()
export class MethodVerification {
  constructor(
    private readonly otp: OtpVerifier,
    private readonly codes: CodeSender,
    private readonly storage: DocumentStorage,
  ) {}

  /**
   * A new code of the request's `purpose` to the phone of the current method (the request's
   * previous one stops working), counted in the SMS budget of the purpose's client; `rest` is
   * what the call does after the send.
   */
  async sendCode(
    current: CurrentMethod,
    purpose: OtpPurpose,
    rest?: () => Promise<void>,
  ): Promise<SentCode> {
    if (!current.phoneNumber) throw fail(ERRORS.authMethodNotOtp);
    const verification = await this.codes.send(current.phoneNumber, purpose, rest);
    return {
      id: verification.id,
      status: verification.status,
      code_expired_at: verification.codeExpiredAt.toISOString(),
      active: verification.active,
    };
  }

  /**
   * Throws the registry's error when the caller has not proved what the request needs: every
   * scan of its slots (an OFFLINE current method, or an insert of OFFLINE), then the code when
   * the current method is OTP, against the request's own code (`purpose`). Scans come first, so
   * a missing one costs no OTP attempt.
   */
  async verify(
    current: CurrentMethod,
    code: unknown,
    slots: readonly DocumentSlot[],
    purpose: OtpPurpose,
  ): Promise<void> {
    await this.requireScans(slots);
    if (current.verifiedBy !== 'OTP') return;
    const digits = normalizeCode(code);
    const result = await this.otp.complete(current.phoneNumber!, purpose, digits);
    if (!result.ok) throw new DomainError('otp_rejected', OTP_REJECTION_TEXT[result.reason]);
  }

  /** 409 naming every slot without an upload, in slot order. */
  async requireScans(slots: readonly DocumentSlot[]): Promise<void> {
    if (slots.length === 0) return;
    const present = await Promise.all(slots.map((slot) => this.storage.exists(slot.key)));
    const missing = slots.filter((_slot, i) => !present[i]).map((slot) => slot.type);
    if (missing.length > 0) throw fail(missingDocuments(missing));
  }

  /** One signed upload URL per slot, in slot order (`urgent.documents`). */
  async uploadUrls(slots: readonly DocumentSlot[]): Promise<{ type: string; url: string }[]> {
    return Promise.all(
      slots.map(async (slot) => ({ type: slot.type, url: await this.storage.uploadUrl(slot.key) })),
    );
  }
}
