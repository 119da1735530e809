import { headerRefused, tokenTimesAccepted } from '../../../src/platform/auth/token-rules.js';

const NOW = 1_800_000_000;
const DAY = 86_400;
const b64 = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('token time rules (wall clock, seconds)', () => {
  it.each<[string, Record<string, unknown>]>([
    ['exp in an hour, iat now', { exp: NOW + 3600, iat: NOW }],
    ['exp in a second, no iat', { exp: NOW + 1 }],
    ['a lifetime of exactly the maximum after iat', { exp: NOW + DAY, iat: NOW }],
    ['a lifetime of exactly the maximum after now (no iat)', { exp: NOW + DAY }],
    ['iat 60 s ahead (skew tolerated)', { exp: NOW + 3600, iat: NOW + 60 }],
    ['nbf 60 s ahead (skew tolerated)', { exp: NOW + 3600, nbf: NOW + 60 }],
    ['nbf in the past', { exp: NOW + 3600, nbf: NOW - 3600 }],
    ['iat an hour ago, exp in an hour', { exp: NOW + 3600, iat: NOW - 3600 }],
  ])('accepts %s', (_name, claims) => {
    expect(tokenTimesAccepted(claims, NOW, DAY)).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['no exp', { iat: NOW }],
    ['exp now (no tolerance)', { exp: NOW, iat: NOW - 10 }],
    ['exp a second ago', { exp: NOW - 1 }],
    ['exp as a string', { exp: String(NOW + 3600) }],
    ['exp null', { exp: null }],
    ['exp Infinity (1e400 in JSON)', { exp: Infinity }],
    ['exp NaN', { exp: NaN }],
    ['exp 1e300', { exp: 1e300, iat: NOW }],
    ['exp 1e300 without iat', { exp: 1e300 }],
    ['a lifetime one second over the maximum after iat', { exp: NOW + DAY + 1, iat: NOW }],
    ['a lifetime one second over the maximum after now', { exp: NOW + DAY + 1 }],
    ['iat 61 s ahead', { exp: NOW + 3600, iat: NOW + 61 }],
    ['iat an hour ahead', { exp: NOW + 7200, iat: NOW + 3600 }],
    ['nbf 61 s ahead', { exp: NOW + 3600, nbf: NOW + 61 }],
    ['iat as a string', { exp: NOW + 3600, iat: String(NOW) }],
    ['iat null', { exp: NOW + 3600, iat: null }],
    ['iat -Infinity', { exp: NOW + 3600, iat: -Infinity }],
    ['nbf as a string', { exp: NOW + 3600, nbf: String(NOW) }],
    ['nbf an object', { exp: NOW + 3600, nbf: {} }],
    ['iat long ago (lifetime over the maximum)', { exp: NOW + 60, iat: 0 }],
  ])('refuses %s', (_name, claims) => {
    expect(tokenTimesAccepted(claims, NOW, DAY)).toBe(false);
  });

  it('takes the maximum lifetime as configured', () => {
    expect(tokenTimesAccepted({ exp: NOW + 120, iat: NOW }, NOW, 60)).toBe(false);
    expect(tokenTimesAccepted({ exp: NOW + 60, iat: NOW }, NOW, 60)).toBe(true);
  });
});

describe('token header rules', () => {
  it.each<[string, string]>([
    ['a plain HS256 header', b64({ alg: 'HS256', typ: 'JWT' })],
    ['a header with a kid', b64({ alg: 'RS256', kid: 'key-1' })],
    ['a header with an odd typ', b64({ alg: 'HS256', typ: 'at+jwt' })],
  ])('lets %s through to verification', (_name, header) => {
    expect(headerRefused(`${header}.e30.sig`)).toBe(false);
  });

  it.each<[string, string]>([
    ['crit naming an extension', b64({ alg: 'HS256', crit: ['exp'], exp: 1 })],
    ['an empty crit', b64({ alg: 'HS256', crit: [] })],
    ['crit that is not a list', b64({ alg: 'HS256', crit: 'b64' })],
    ['a header that is not JSON', b64('not json')],
    ['a header that is a JSON array', b64(['HS256'])],
    ['a header that is JSON null', b64('null')],
    ['an empty header', ''],
  ])('refuses %s', (_name, header) => {
    expect(headerRefused(`${header}.e30.sig`)).toBe(true);
  });
});
