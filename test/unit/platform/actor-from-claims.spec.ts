import { AccessDenied } from '../../../src/platform/auth/auth-errors.js';
import { actorFromClaims } from '../../../src/platform/auth/jwt.strategy.js';

const USER = '5b3b6a5e-52c2-4d6b-8a39-3c1f1c7f0a11';
const CLIENT = '8a1d6d12-4b9e-4f5c-9a0b-0c3d3e4f5a6b';
/** 0x21 to 0x7E, all 94 of them. */
const PRINTABLE = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i)).join('');
const claims = (extra: Record<string, unknown>) => ({
  exp: 1_800_000_000,
  sub: USER,
  client_id: CLIENT,
  scope: 'person:read',
  ...extra,
});

/**
 * `sub` and `client_id` are 1–255 characters of printable ASCII (0x21–0x7E): they are stored and
 * compared as bytes, and anything else would be changed on its way into PostgreSQL (a lone
 * surrogate becomes U+FFFD) or refused by it (NUL), so another client could match it.
 */
const ODD_IDS: [string, unknown][] = [
  ['a NUL inside', 'a\u0000b'],
  ['a lone surrogate', 'mis\ud800x'],
  ['the replacement character a lone surrogate turns into', 'mis\ufffdx'],
  ['a space', 'client one'],
  ['a leading space', ' client'],
  ['a tab', 'client\tone'],
  ['a line break', 'client\none'],
  ['DEL (0x7F)', 'client\u007f'],
  ['a C1 control (0x85)', 'client\u0085'],
  ['non-ASCII letters', 'клієнт'],
  ['a Latin letter with an accent', 'clïent'],
  ['an emoji', 'client😀'],
  ['a zero-width space', 'client\u200b'],
  ['256 characters', 'x'.repeat(256)],
  ['an empty string', ''],
  ['a number', 42],
  ['null', null],
  ['an array', [CLIENT]],
  ['an object', { id: CLIENT }],
  ['a boolean', true],
];

describe('the identity claims of a token (sub, client_id)', () => {
  it.each<[string, string]>([
    ['a UUID', CLIENT],
    ['one character', 'a'],
    ['255 characters', 'x'.repeat(255)],
    ['every printable ASCII character', PRINTABLE],
    ['mixed letter case', 'Client-A'],
  ])('accepts a client_id of %s, kept byte for byte', (_name, clientId) => {
    expect(actorFromClaims(claims({ client_id: clientId })).clientId).toBe(clientId);
  });

  it.each<[string, string]>([
    ['a UUID', USER],
    ['one character', 'u'],
    ['255 characters', 'u'.repeat(255)],
    ['a user name', 'doctor.house@clinic'],
  ])('accepts a sub of %s', (_name, sub) => {
    expect(() => actorFromClaims(claims({ sub }))).not.toThrow();
  });

  it.each(ODD_IDS)('refuses a client_id of %s as an invalid token', (_name, clientId) => {
    expect(() => actorFromClaims(claims({ client_id: clientId }))).toThrow(
      new AccessDenied(AccessDenied.INVALID_TOKEN),
    );
  });

  it.each(ODD_IDS)('refuses a sub of %s as an invalid token', (_name, sub) => {
    expect(() => actorFromClaims(claims({ sub }))).toThrow(
      new AccessDenied(AccessDenied.INVALID_TOKEN),
    );
  });

  it.each<[string, Record<string, unknown>]>([
    ['no sub', { sub: undefined }],
    ['no client_id', { client_id: undefined }],
    ['no exp', { exp: undefined }],
  ])('refuses a token with %s', (_name, extra) => {
    expect(() => actorFromClaims(claims(extra))).toThrow(AccessDenied);
  });

  it('records a UUID sub as the acting user (lower case) and any other sub as nobody', () => {
    expect(actorFromClaims(claims({ sub: USER.toUpperCase() })).userId).toBe(USER);
    expect(actorFromClaims(claims({ sub: 'doctor.house' })).userId).toBeNull();
  });
});
