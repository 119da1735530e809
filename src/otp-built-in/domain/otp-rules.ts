import { rateLimited } from '../../kernel/domain/errors.js';
import { OTP_ERRORS } from '../../otp/domain/otp-errors.js';

/** The state of one code that a completion attempt is judged against. */
export interface CodeState {
  /** Wrong attempts made so far. */
  readonly attempts: number;
  readonly codeExpiredAt: Date;
}

export type AttemptRejection = 'expired' | 'attempts_exceeded' | 'invalid_code';

export type AttemptDecision =
  | { readonly verified: true; readonly attempts: number }
  | { readonly verified: false; readonly reason: AttemptRejection; readonly attempts: number };

/**
 * Judges one completion attempt (docs/domain-rules.md, OTP verification). Order matters: an expired code is expired
 * whatever is typed; a closed code stays closed; only a wrong code counts an attempt, and the
 * wrong attempt that reaches `maxAttempts` closes the code for good.
 */
export function decideAttempt(
  state: CodeState,
  codeIsRight: boolean,
  now: Date,
  maxAttempts: number,
): AttemptDecision {
  if (now.getTime() >= state.codeExpiredAt.getTime()) {
    return { verified: false, reason: 'expired', attempts: state.attempts };
  }
  if (state.attempts >= maxAttempts) {
    return { verified: false, reason: 'attempts_exceeded', attempts: state.attempts };
  }
  if (!codeIsRight) {
    return { verified: false, reason: 'invalid_code', attempts: state.attempts + 1 };
  }
  return { verified: true, attempts: state.attempts };
}

/** Whether a code can still be completed: neither expired nor closed by wrong attempts. */
export function isCodeOpen(state: CodeState, now: Date, maxAttempts: number): boolean {
  return now.getTime() < state.codeExpiredAt.getTime() && state.attempts < maxAttempts;
}

/** When a code sent at `sentAt` stops working. */
export function codeExpiry(sentAt: Date, ttlMinutes: number): Date {
  return new Date(sentAt.getTime() + ttlMinutes * 60_000);
}

export const RESEND_TOO_SOON_TEXT = OTP_ERRORS.resendTooSoon.message;

/**
 * At most one new code per phone per `intervalSeconds`: throws DomainError 'rate_limited' with
 * the whole seconds left until the next code may be sent (the Retry-After header).
 */
export function assertResendAllowed(
  lastSentAt: Date | null,
  now: Date,
  intervalSeconds: number,
): void {
  if (lastSentAt === null || intervalSeconds <= 0) return;
  const intervalMs = intervalSeconds * 1000;
  const elapsed = now.getTime() - lastSentAt.getTime();
  if (elapsed >= intervalMs) return;
  // A clock that stepped back must not block the phone for longer than one interval.
  const remaining = Math.min(intervalMs, intervalMs - elapsed);
  throw rateLimited(RESEND_TOO_SOON_TEXT, Math.max(1, Math.ceil(remaining / 1000)));
}

/** Room for the statements around an SMS call, beyond its sender's own timeout. */
export const SENDING_MARGIN_MS = 2_000;

/**
 * How long a code may stay in the sending state (stored, its SMS not yet accepted by the
 * gateway): its sender's timeout and a margin for the statements around the call. A code still
 * being sent after that is dead: it never becomes live and no longer holds back its purpose, so
 * a process that stopped between storing a code and making it live leaves nothing usable behind.
 */
export function sendingWindowMs(sendTimeoutMs: number): number {
  return sendTimeoutMs + SENDING_MARGIN_MS;
}

/** Whether a code being sent since `startedAt` may still become live at `now`. */
export function isSendingAlive(startedAt: Date, now: Date, sendTimeoutMs: number): boolean {
  return now.getTime() - startedAt.getTime() < sendingWindowMs(sendTimeoutMs);
}

/**
 * Whether a new code of a purpose goes out now: throws 'rate_limited' (as assertResendAllowed)
 * inside the resend interval, counted from the purpose's last code, sent or still being sent;
 * 'wait' when the interval allows it but a code of the purpose is still being sent (only one is
 * sent at a time, so the live code is always the last one sent); 'send' otherwise.
 */
export function nextSend(
  lastSentAt: Date | null,
  stillSending: boolean,
  now: Date,
  intervalSeconds: number,
): 'send' | 'wait' {
  assertResendAllowed(lastSentAt, now, intervalSeconds);
  return stillSending ? 'wait' : 'send';
}
