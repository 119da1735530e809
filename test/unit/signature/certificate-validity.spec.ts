import { validityProblem } from '../../../src/signature/domain/certificate-validity.js';

const validity = {
  notBefore: new Date('2026-01-01T00:00:00Z'),
  notAfter: new Date('2027-01-01T00:00:00Z'),
};

describe('certificate validity now', () => {
  it.each<[string, string, ReturnType<typeof validityProblem>]>([
    ['a moment before notBefore', '2025-12-31T23:59:59.999Z', 'not_yet_valid'],
    ['exactly notBefore', '2026-01-01T00:00:00.000Z', null],
    ['in between', '2026-07-01T12:00:00Z', null],
    ['exactly notAfter', '2027-01-01T00:00:00.000Z', null],
    ['a moment after notAfter', '2027-01-01T00:00:00.001Z', 'expired'],
    ['years later', '2031-01-01T00:00:00Z', 'expired'],
  ])('at %s is %p', (_name, now, expected) => {
    expect(validityProblem(validity, new Date(now))).toBe(expected);
  });
});
