import { createHmac } from 'node:crypto';
import {
  isValidUpload,
  signUpload,
} from '../../../src/document-storage/domain/upload-signature.js';

const SECRET = Buffer.from('k'.repeat(64));
const KEY = 'authentication_method_requests/6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55/PASSPORT.jpeg';
const NOW = 1_795_428_000;
const EXPIRES = NOW + 600;
const GOOD = signUpload(SECRET, KEY, EXPIRES);

describe('upload URL signatures', () => {
  it('signs PUT, the key and the expiry with HMAC-SHA256 in hex', () => {
    const expected = createHmac('sha256', SECRET).update(`PUT\n${KEY}\n${EXPIRES}`).digest('hex');
    expect(GOOD).toBe(expected);
    expect(GOOD).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts its own signature before the expiry', () => {
    expect(isValidUpload(SECRET, KEY, String(EXPIRES), GOOD, NOW)).toBe(true);
  });

  it('accepts its own signature in the last second', () => {
    expect(isValidUpload(SECRET, KEY, String(EXPIRES), GOOD, EXPIRES)).toBe(true);
  });

  const otherKey = KEY.replace('PASSPORT', 'NATIONAL_ID');
  it.each<[string, string, unknown, unknown, number]>([
    ['a second after the expiry', KEY, String(EXPIRES), GOOD, EXPIRES + 1],
    ['for another key', otherKey, String(EXPIRES), GOOD, NOW],
    ['with a later expiry', KEY, String(EXPIRES + 3600), GOOD, NOW],
    ['with an expiry padded by a zero', KEY, `0${EXPIRES}`, GOOD, NOW],
    ['with a non-numeric expiry', KEY, `${EXPIRES}abc`, GOOD, NOW],
    ['with a repeated expiry', KEY, [String(EXPIRES), String(EXPIRES)], GOOD, NOW],
    ['without an expiry', KEY, undefined, GOOD, NOW],
    ['with one flipped hex digit', KEY, String(EXPIRES), flip(GOOD), NOW],
    ['in upper-case hex', KEY, String(EXPIRES), GOOD.toUpperCase(), NOW],
    ['truncated', KEY, String(EXPIRES), GOOD.slice(0, 63), NOW],
    ['without a signature', KEY, String(EXPIRES), undefined, NOW],
    [
      'signed with another secret',
      KEY,
      String(EXPIRES),
      signUpload(Buffer.from('x'.repeat(64)), KEY, EXPIRES),
      NOW,
    ],
  ])('refuses a signature used %s', (_name, key, expires, signature, now) => {
    expect(isValidUpload(SECRET, key, expires, signature, now)).toBe(false);
  });
});

function flip(hex: string): string {
  const last = hex.at(-1) === '0' ? '1' : '0';
  return hex.slice(0, -1) + last;
}
