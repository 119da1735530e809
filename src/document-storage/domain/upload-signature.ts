import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed upload URLs: HMAC-SHA256 over `PUT\n<key>\n<expires>`, hex. The signature is the only
 * authorization of an upload, so it binds the method, the key and the expiry, and it is compared
 * in constant time.
 */
export function signUpload(secret: Buffer, key: string, expires: number): string {
  return createHmac('sha256', secret).update(`PUT\n${key}\n${expires}`).digest('hex');
}

const EXPIRES = /^[1-9]\d{0,11}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;

/**
 * Whether `signature` is this service's signature of an upload of `key` that has not expired at
 * `nowSeconds`. `expires` and `signature` are the raw query values (anything may arrive).
 */
export function isValidUpload(
  secret: Buffer,
  key: string,
  expires: unknown,
  signature: unknown,
  nowSeconds: number,
): boolean {
  if (typeof expires !== 'string' || !EXPIRES.test(expires)) return false;
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return false;
  const expiresAt = Number(expires);
  if (expiresAt < nowSeconds) return false;
  const expected = Buffer.from(signUpload(secret, key, expiresAt), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
