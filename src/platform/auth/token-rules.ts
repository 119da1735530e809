/**
 * Rules a verified token must also meet, beyond its signature and the pinned algorithms. Times
 * are seconds on the wall clock (never the service's injectable clock: a pinned test clock must
 * not make real tokens expire or live forever).
 */

/** Clock skew tolerated on `iat` and `nbf`: an issuer's clock up to a minute ahead of ours. */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * Whether the protected header of a compact JWS is refused before verification: not a JSON
 * object, or naming critical extensions (`crit`), none of which this service implements, so by
 * RFC 7515 §4.1.11 it must not accept the token.
 */
export function headerRefused(token: string): boolean {
  const encoded = token.split('.', 1)[0] ?? '';
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return true;
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return true;
  return Object.hasOwn(header, 'crit');
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * The time claims of a token: `exp` required and in the future (no tolerance); `iat` and `nbf`
 * optional, and at most CLOCK_SKEW_SECONDS ahead; every one a finite number; and a lifetime,
 * `exp` − `iat` (− now without `iat`), of at most `maxLifetimeSeconds`, so `exp: 1e300` does
 * not make a token that never expires.
 */
export function tokenTimesAccepted(
  claims: Readonly<Record<string, unknown>>,
  nowSeconds: number,
  maxLifetimeSeconds: number,
): boolean {
  const { exp, iat, nbf } = claims;
  if (!isTime(exp) || exp <= nowSeconds) return false;
  if (iat !== undefined && (!isTime(iat) || iat > nowSeconds + CLOCK_SKEW_SECONDS)) return false;
  if (nbf !== undefined && (!isTime(nbf) || nbf > nowSeconds + CLOCK_SKEW_SECONDS)) return false;
  return exp - (iat ?? nowSeconds) <= maxLifetimeSeconds;
}
