import { Logger } from '@nestjs/common';
import { DomainError, rateLimited, unavailable } from '../../../kernel/domain/errors.js';
import {
  callJson,
  type JsonAnswer,
  type OutboundFailure,
} from '../../../platform/http/json-call.js';
import { NotSent } from '../../application/not-sent.js';
import {
  OTP_REJECTION_TEXT,
  type OtpCompletion,
  type OtpRejection,
  type OtpVerification,
} from '../../application/otp-verifier.port.js';
import { OTP_ERRORS } from '../../domain/otp-errors.js';

const UNAVAILABLE_TEXT = OTP_ERRORS.otpUnavailable.message;
const RATE_LIMITED_TEXT = OTP_ERRORS.otpRateLimited.message;
const DEFAULT_RETRY_AFTER_SECONDS = 60;
const STATUSES = new Set<OtpVerification['status']>([
  'NEW',
  'VERIFIED',
  'CANCELED',
  'EXPIRED',
  'COMPLETED',
]);
const REJECTIONS = new Map<string, OtpRejection>(
  (['invalid_code', 'expired', 'attempts_exceeded'] as const).map((r) => [
    OTP_REJECTION_TEXT[r],
    r,
  ]),
);

/**
 * The registry's OTP contract (docs/domain-rules.md, OTP verification): one live code per phone,
 * whatever it is for. A service that speaks it knows nothing of purposes; ExternalOtpVerifier
 * gives it the port's purposes.
 */
export interface RegistryOtpService {
  /** A new code to the phone, cancelling its live one; rejects with NotSent as the port does. */
  initialize(phoneNumber: string): Promise<OtpVerification>;
  complete(phoneNumber: string, code: string): Promise<OtpCompletion>;
  isVerified(phoneNumber: string): Promise<boolean>;
}

export interface HttpOtpSettings {
  /** Base URL of the registry's OTP service. */
  readonly url: string;
  readonly timeoutMs: number;
}

/**
 * The registry's OTP verification service over HTTP, exactly as its contract says. Every call
 * has a timeout; a timeout, a refused connection, a 5xx or a body that is not the contract's
 * JSON is DomainError 'unavailable'. Logs name the call, never the phone or the code.
 *
 * A send says whether its code may have gone out (docs/api.md, SMS budget): a 4xx (its 429
 * included) and a connection that never opened are clear refusals (NotSent); a timeout or a reset
 * after the connection opened, a 5xx (which a proxy or the service may answer after the SMS left)
 * and a success whose body is unreadable may have sent it.
 */
export class HttpOtpVerifier implements RegistryOtpService {
  private readonly logger = new Logger('HttpOtpVerifier');
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(settings: HttpOtpSettings) {
    this.base = settings.url.replace(/\/+$/, '');
    this.timeoutMs = settings.timeoutMs;
  }

  async initialize(phoneNumber: string): Promise<OtpVerification> {
    const call = 'POST /verifications';
    let answer: JsonAnswer;
    try {
      answer = await this.request(call, 'POST', '/verifications', { phone_number: phoneNumber });
    } catch (error) {
      const failure = unavailable(UNAVAILABLE_TEXT);
      throw (error as OutboundFailure).connected ? failure : new NotSent(failure);
    }
    if (answer.status === 201 || answer.status === 200) return this.verificationOf(call, answer);
    const failure = this.failure(call, answer);
    throw answer.status >= 400 && answer.status < 500 ? new NotSent(failure) : failure;
  }

  async complete(phoneNumber: string, code: string): Promise<OtpCompletion> {
    const call = 'PATCH /verifications/{phone_number}/actions/complete';
    const answer = await this.requestOrUnavailable(
      call,
      'PATCH',
      `/verifications/${encodeURIComponent(phoneNumber)}/actions/complete`,
      { code: Number(code) },
    );
    if (answer.status === 200) {
      return { ok: true, verification: this.verificationOf(call, answer) };
    }
    if (answer.status === 403) return { ok: false, reason: rejectionOf(answer.json) };
    if (answer.status === 404) return { ok: false, reason: 'not_found' };
    throw this.failure(call, answer);
  }

  async isVerified(phoneNumber: string): Promise<boolean> {
    const call = 'GET /verifications/{phone_number}';
    const answer = await this.requestOrUnavailable(
      call,
      'GET',
      `/verifications/${encodeURIComponent(phoneNumber)}`,
    );
    if (answer.status === 404) return false;
    if (answer.status === 200) {
      if (answer.json === undefined) throw this.garbage(call);
      return true;
    }
    throw this.failure(call, answer);
  }

  /** The answer, or the OutboundFailure of a call that got none (logged). */
  private async request(
    call: string,
    method: string,
    path: string,
    body?: Record<string, unknown>,
  ): Promise<JsonAnswer> {
    try {
      return await callJson(`${this.base}${path}`, { method, body, timeoutMs: this.timeoutMs });
    } catch (error) {
      // callJson throws only OutboundFailure; its message ends the line ("timed out after 5000 ms").
      this.logger.warn(`OTP service ${call} ${(error as OutboundFailure).message}`);
      throw error;
    }
  }

  private async requestOrUnavailable(
    call: string,
    method: string,
    path: string,
    body?: Record<string, unknown>,
  ): Promise<JsonAnswer> {
    try {
      return await this.request(call, method, path, body);
    } catch {
      throw unavailable(UNAVAILABLE_TEXT);
    }
  }

  private verificationOf(call: string, answer: JsonAnswer): OtpVerification {
    const data = (answer.json as { data?: unknown } | undefined)?.data;
    if (typeof data !== 'object' || data === null) throw this.garbage(call);
    const { id, status, code_expired_at: expiredAt, active } = data as Record<string, unknown>;
    const upper = typeof status === 'string' ? status.toUpperCase() : '';
    const codeExpiredAt = typeof expiredAt === 'string' ? new Date(expiredAt) : null;
    if (
      typeof id !== 'string' ||
      !STATUSES.has(upper as OtpVerification['status']) ||
      codeExpiredAt === null ||
      Number.isNaN(codeExpiredAt.getTime())
    ) {
      throw this.garbage(call);
    }
    return {
      id,
      status: upper as OtpVerification['status'],
      codeExpiredAt,
      active: typeof active === 'boolean' ? active : upper === 'NEW',
    };
  }

  private failure(call: string, answer: JsonAnswer): DomainError {
    if (answer.status === 429) {
      return rateLimited(RATE_LIMITED_TEXT, retryAfterOf(answer.headers.get('retry-after')));
    }
    this.logger.warn(`OTP service answered ${answer.status} to ${call}`);
    return unavailable(UNAVAILABLE_TEXT);
  }

  private garbage(call: string): DomainError {
    this.logger.warn(`OTP service answered ${call} with a body outside the contract`);
    return unavailable(UNAVAILABLE_TEXT);
  }
}

/** The three registry texts; any other refusal counts as a wrong code. */
function rejectionOf(json: unknown): OtpRejection {
  const message = (json as { error?: { message?: unknown } } | undefined)?.error?.message;
  return (typeof message === 'string' && REJECTIONS.get(message)) || 'invalid_code';
}

/** `Retry-After` in whole seconds; an HTTP date or anything else falls back to 60. */
function retryAfterOf(header: string | null): number {
  if (header !== null && /^\d+$/.test(header.trim())) {
    return Math.max(1, Number(header.trim()));
  }
  return DEFAULT_RETRY_AFTER_SECONDS;
}
