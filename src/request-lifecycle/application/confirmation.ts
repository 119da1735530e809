import { Injectable } from '@nestjs/common';
import { DocumentStorage } from '../../document-storage/application/document-storage.port.js';
import { CodeSender } from '../../otp/application/code-sender.js';
import {
  OTP_REJECTION_TEXT,
  OtpVerifier,
  type OtpVerification,
} from '../../otp/application/otp-verifier.port.js';
import { requestPurpose, type OtpPurpose } from '../../otp/domain/otp-purpose.js';
import { DomainError, fail } from '../../kernel/domain/errors.js';
import { confirmationCode } from '../domain/confirmation-code.js';
import type { DocumentSlot } from '../domain/document-slot.js';
import type { LifecycleRequest } from '../domain/lifecycle.js';
import { LIFECYCLE_ERRORS, missingDocuments } from '../domain/lifecycle-errors.js';

/** What confirming a request reads of it. */
type Confirmable = Pick<LifecycleRequest, 'id' | 'authenticationMethodCurrent' | 'documents'>;

/**
 * How a request is confirmed on approve, whatever its kind: a code sent to the phone of its
 * current method (own, or the third person's), the scans of its document slots, or nothing when
 * the method is NA. Each request has codes of its own (their OTP purpose), so nothing done with
 * another request's or a phone verification's code touches them.
 */
@Injectable()
export class Confirmation {
  constructor(
    private readonly otp: OtpVerifier,
    private readonly codes: CodeSender,
    private readonly storage: DocumentStorage,
  ) {}

  /**
   * A new code to the phone of the request's current method (its previous code stops working),
   * counted in the client's SMS budget; `rest`, what the call does after the send, runs once it
   * went out. 409 `Auth method is not OTP` when no code confirms the request.
   */
  async sendCode(
    kind: string,
    request: Pick<LifecycleRequest, 'id' | 'authenticationMethodCurrent'>,
    clientId: string,
    rest?: () => Promise<void>,
  ): Promise<OtpVerification> {
    const phone = codePhone(request);
    if (!phone) throw fail(LIFECYCLE_ERRORS.authMethodNotOtp);
    return this.codes.send(phone, codePurpose(kind, request.id, clientId), rest);
  }

  /**
   * Throws the registry's error unless the caller proved what the request needs: every scan of
   * its slots, then the code when an OTP phone confirms it. Scans come first, so a missing one
   * costs no OTP attempt.
   */
  async confirm(
    kind: string,
    request: Confirmable,
    clientId: string,
    code: unknown,
  ): Promise<void> {
    await this.requireScans(request.documents);
    const phone = codePhone(request);
    if (!phone) return;
    const digits = confirmationCode(code);
    const result = await this.otp.complete(phone, codePurpose(kind, request.id, clientId), digits);
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

/** The phone a code confirming the request goes to, if a code confirms it. */
function codePhone(request: Pick<LifecycleRequest, 'authenticationMethodCurrent'>): string | null {
  const current = request.authenticationMethodCurrent;
  return current.verifiedBy === 'OTP' && current.phoneNumber ? current.phoneNumber : null;
}

/** A request's own codes: no other request or phone verification touches them. */
function codePurpose(kind: string, requestId: string, clientId: string): OtpPurpose {
  return requestPurpose(kind, requestId, clientId);
}
