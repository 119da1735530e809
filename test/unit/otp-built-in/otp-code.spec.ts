import { randomInt } from 'node:crypto';
import {
  codeMatches,
  generateCode,
  hashCode,
  otpMessage,
} from '../../../src/otp-built-in/domain/otp-code.js';

const KEY = 'unit-test-hash-key-0123456789abcdef';
const ID = '0d4a6f7e-2c1b-4e8a-9f3d-5b6c7d8e9f01';

describe('OTP code generation', () => {
  it.each<[number, number, number]>([
    [4, 1000, 10_000],
    [6, 100_000, 1_000_000],
    [8, 10_000_000, 100_000_000],
  ])('asks the random source for %i digits with no leading zero: [%i, %i)', (length, min, max) => {
    const asked: [number, number][] = [];
    generateCode(length, (lo, hi) => {
      asked.push([lo, hi]);
      return lo;
    });
    expect(asked).toEqual([[min, max]]);
  });

  it.each<[string, number, (lo: number, hi: number) => number, string]>([
    ['the smallest code', 4, (lo) => lo, '1000'],
    ['the largest code', 4, (_lo, hi) => hi - 1, '9999'],
    ['a code in between', 4, () => 4821, '4821'],
    ['a six-digit code', 6, () => 123_456, '123456'],
  ])('turns the random number into %s', (_name, length, source, expected) => {
    expect(generateCode(length, source)).toBe(expected);
  });

  it.each<[string, (lo: number, hi: number) => number]>([
    ['below the range', (lo) => lo - 1],
    ['at the exclusive end', (_lo, hi) => hi],
    ['not an integer', (lo) => lo + 0.5],
  ])('refuses a random source that answers %s', (_name, source) => {
    expect(() => generateCode(4, source)).toThrow(RangeError);
  });

  it.each([0, 13, 2.5])('refuses a code length of %p', (length) => {
    expect(() => generateCode(length, randomInt)).toThrow(RangeError);
  });

  it('makes codes of the configured length with no leading zero from crypto.randomInt', () => {
    for (let i = 0; i < 200; i++) expect(generateCode(4, randomInt)).toMatch(/^[1-9][0-9]{3}$/);
  });
});

describe('OTP code hashing', () => {
  it('is HMAC-SHA256 in hex, different from the code and keyed', () => {
    const hash = hashCode(KEY, ID, '1234');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('1234');
    expect(hashCode('another-key-of-enough-length-000', ID, '1234')).not.toBe(hash);
  });

  it('binds the hash to its verification, so equal codes have different hashes', () => {
    expect(hashCode(KEY, 'other-id', '1234')).not.toBe(hashCode(KEY, ID, '1234'));
  });

  it.each<[string, string, string, boolean]>([
    ['the right code', '1234', '1234', true],
    ['a wrong code', '1234', '1235', false],
    ['the code with a leading zero', '1234', '01234', false],
    ['an empty code', '1234', '', false],
  ])('matches %s', (_name, sent, typed, expected) => {
    expect(codeMatches(KEY, ID, typed, hashCode(KEY, ID, sent))).toBe(expected);
  });

  it('does not match a stored hash of another length', () => {
    expect(codeMatches(KEY, ID, '1234', 'abcd')).toBe(false);
  });

  it('puts the code into the SMS text, in Ukrainian by default', () => {
    expect(otpMessage('4821')).toBe('Ваш код підтвердження: 4821');
  });

  it.each([
    ['Код {code}', 'Код 4821'],
    ['{code} — ваш код. Нікому не кажіть {code}.', '4821 — ваш код. Нікому не кажіть 4821.'],
    ['Your code is {code}', 'Your code is 4821'],
  ])('puts the code where {code} stands in the template %s', (template, text) => {
    expect(otpMessage('4821', template)).toBe(text);
  });

  it('refuses a template without {code}', () => {
    expect(() => otpMessage('4821', 'Ваш код')).toThrow(RangeError);
  });
});
