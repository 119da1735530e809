import { createHmac, timingSafeEqual } from 'node:crypto';

/** A source of uniform integers in [min, max), like `crypto.randomInt`; tests pass their own. */
export type RandomInt = (min: number, max: number) => number;

/**
 * A code of `length` digits with no leading zero: clients store codes as numbers, so `0123`
 * would come back as `123` (docs/domain-rules.md, OTP verification).
 */
export function generateCode(length: number, randomInt: RandomInt): string {
  if (!Number.isInteger(length) || length < 1 || length > 12) {
    throw new RangeError(`OTP code length must be an integer from 1 to 12, got ${length}`);
  }
  const min = 10 ** (length - 1);
  const max = 10 ** length;
  const value = randomInt(min, max);
  if (!Number.isInteger(value) || value < min || value >= max) {
    throw new RangeError('The random source returned a value outside the requested range');
  }
  return String(value);
}

/**
 * Keyed hash of a code, bound to its verification: a 4-digit code under a plain hash falls to
 * a brute force in microseconds, and binding the id keeps equal codes from having equal hashes.
 */
export function hashCode(key: string, verificationId: string, code: string): string {
  return createHmac('sha256', key).update(`${verificationId}:${code}`).digest('hex');
}

/** Whether `code` is the one whose hash was stored, compared in constant time. */
export function codeMatches(
  key: string,
  verificationId: string,
  code: string,
  storedHash: string,
): boolean {
  const presented = Buffer.from(hashCode(key, verificationId, code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** Where the code goes in a message template (OTP_SMS_TEMPLATE). */
export const CODE_PLACEHOLDER = '{code}';

/** The SMS text of a code when no template is configured: patients read Ukrainian. */
export const DEFAULT_OTP_MESSAGE_TEMPLATE = `Ваш код підтвердження: ${CODE_PLACEHOLDER}`;

/** The SMS text that carries a code: the template with the code at every `{code}`. */
export function otpMessage(code: string, template: string = DEFAULT_OTP_MESSAGE_TEMPLATE): string {
  if (!template.includes(CODE_PLACEHOLDER)) {
    throw new RangeError(`An OTP message template must contain ${CODE_PLACEHOLDER}`);
  }
  return template.replaceAll(CODE_PLACEHOLDER, code);
}
