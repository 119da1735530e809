import { VerifiedTokens } from '../../../src/platform/auth/verified-tokens.js';

const EXP = 1_800_000_000; // seconds
const claims = (exp: unknown = EXP): Record<string, unknown> => ({ sub: 'u', exp });

describe('VerifiedTokens', () => {
  it.each<[string, number, boolean]>([
    ['a second before exp', EXP * 1000 - 1000, true],
    ['a millisecond before exp', EXP * 1000 - 1, true],
    ['at exp (jsonwebtoken: expired from that second)', EXP * 1000, false],
    ['after exp', EXP * 1000 + 1, false],
  ])('answers a remembered token %s: %s', (_, now, kept) => {
    const tokens = new VerifiedTokens(10);
    tokens.remember('t', claims());
    expect(tokens.claimsOf('t', now)).toEqual(kept ? claims() : undefined);
  });

  it('forgets a token once it has expired', () => {
    const tokens = new VerifiedTokens(10);
    tokens.remember('t', claims());
    expect(tokens.claimsOf('t', EXP * 1000)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it.each<[string, string]>([
    ['one character more', 't.xy'],
    ['one character less', 't.'],
    ['another case', 'T.X'],
    ['a space after it', 't.x '],
  ])('knows only the exact bytes of a token (%s)', (_, other) => {
    const tokens = new VerifiedTokens(10);
    tokens.remember('t.x', claims());
    expect(tokens.claimsOf(other, 0)).toBeUndefined();
    expect(tokens.claimsOf('t.x', 0)).toEqual(claims());
  });

  it.each<[string, unknown]>([
    ['no exp', undefined],
    ['a string exp', String(EXP)],
    ['a null exp', null],
  ])('keeps no token with %s', (_, exp) => {
    const tokens = new VerifiedTokens(10);
    tokens.remember('t', exp === undefined ? { sub: 'u' } : claims(exp));
    expect(tokens.claimsOf('t', 0)).toBeUndefined();
  });

  it('keeps at most max tokens, dropping the oldest first', () => {
    const tokens = new VerifiedTokens(2);
    tokens.remember('a', claims());
    tokens.remember('b', claims());
    tokens.remember('c', claims());
    expect(tokens.size).toBe(2);
    expect(tokens.claimsOf('a', 0)).toBeUndefined();
    expect(tokens.claimsOf('b', 0)).toEqual(claims());
    expect(tokens.claimsOf('c', 0)).toEqual(claims());
  });

  it('keeps nothing with max 0', () => {
    const tokens = new VerifiedTokens(0);
    tokens.remember('a', claims());
    expect(tokens.size).toBe(0);
  });

  it('does not replace the claims of a token it holds', () => {
    const tokens = new VerifiedTokens(2);
    tokens.remember('a', claims());
    tokens.remember('a', { ...claims(), sub: 'other' });
    expect(tokens.claimsOf('a', 0)).toEqual(claims());
  });
});
