import { Injectable } from '@nestjs/common';
import type { DocumentSlot } from '../../auth-method-request/domain/auth-method-request.js';
import { DocumentStorage } from '../../document-storage/application/document-storage.port.js';
import { documentKey } from '../../document-storage/domain/document-key.js';
import { OTP_REJECTION_TEXT, OtpVerifier } from '../../otp/application/otp-verifier.port.js';
import type { CurrentMethod } from '../../person/domain/current-method.js';
import { conflict, DomainError, invalid, otpRejected } from '../domain/errors.js';

/** `verification_code`: a number or a string of digits (api.md §5). */
export function normalizeCode(code: unknown): string {
  if (code === undefined || code === null || code === '') {
    throw new DomainError('validation', 'Validation failed', [
      {
        entry: '$.verification_code',
        rule: 'required',
        description: 'required property is missing',
      },
    ]);
  }
  if (typeof code === 'number' && Number.isSafeInteger(code) && code >= 0) return String(code);
  if (typeof code === 'string' && /^[0-9]{1,12}$/.test(code)) return code;
  throw invalid('$.verification_code', 'must be a number or a string of digits', 'format');
}

/** "Documents PASSPORT, NATIONAL_ID is not uploaded" (api.md §5, step 4). */
export function missingDocumentsText(types: readonly string[]): string {
  return `Documents ${types.join(', ')} is not uploaded`;
}

/**
 * Verification by the current method on approve (rules.md §4), shared by person requests and
 * authentication method requests: OTP code, uploaded documents, or nothing for NA.
 */
@Injectable()
export class MethodVerification {
  constructor(
    private readonly otp: OtpVerifier,
    private readonly storage: DocumentStorage,
  ) {}

  /** Resend: a new code to the phone of the current method (the previous one stops working). */
  async sendCode(
    current: CurrentMethod,
  ): Promise<{ id: string; status: string; code_expired_at: string; active: boolean }> {
    if (!current.phoneNumber) throw conflict('Auth method is not OTP');
    const verification = await this.otp.initialize(current.phoneNumber);
    return {
      id: verification.id,
      status: verification.status,
      code_expired_at: verification.codeExpiredAt.toISOString(),
      active: verification.active,
    };
  }

  /** Throws the registry's error when the caller has not proved the current method. */
  async verify(
    current: CurrentMethod,
    code: unknown,
    slots: readonly DocumentSlot[],
  ): Promise<void> {
    if (current.verifiedBy === 'OTP') {
      const digits = normalizeCode(code);
      const result = await this.otp.complete(current.phoneNumber!, digits);
      if (!result.ok) throw otpRejected(OTP_REJECTION_TEXT[result.reason]);
      return;
    }
    if (current.verifiedBy === 'OFFLINE') {
      const present = await Promise.all(slots.map((slot) => this.storage.exists(slot.key)));
      const missing = slots.filter((_slot, i) => !present[i]).map((slot) => slot.type);
      if (missing.length > 0) throw conflict(missingDocumentsText(missing));
    }
  }

  /** One signed upload URL per slot, in slot order (`urgent.documents`). */
  async uploadUrls(slots: readonly DocumentSlot[]): Promise<{ type: string; url: string }[]> {
    return Promise.all(
      slots.map(async (slot) => ({ type: slot.type, url: await this.storage.uploadUrl(slot.key) })),
    );
  }
}

/** One slot per document type of whoever authenticates, in first-seen order (rules.md §3). */
export function documentSlots(
  kind: string,
  requestId: string,
  documentTypes: readonly string[],
): DocumentSlot[] {
  return [...new Set(documentTypes)].map((type) => ({
    type,
    key: documentKey(kind, requestId, type),
  }));
}
