import { thirdPersonEndDate } from '../../../src/person/domain/third-person-term.js';

const policy = { noSelfAuthAge: 14, thirdPersonTermYears: 2 };

describe('end date of a THIRD_PERSON method', () => {
  it.each([
    ['a minor: the day before the 14th birthday', '2015-06-10', '2026-11-23', '2029-06-09'],
    ['a minor whose 14th birthday is tomorrow', '2012-11-24', '2026-11-23', '2026-11-23'],
    [
      'a person whose 14th birthday is today counts as grown up',
      '2012-11-23',
      '2026-11-23',
      '2028-11-23',
    ],
    ['an adult: today plus the term', '1980-01-01', '2026-11-23', '2028-11-23'],
    [
      'a minor born on 29 February, 14th birthday in a non-leap year',
      '2016-02-29',
      '2026-11-23',
      '2030-02-27',
    ],
    ['an adult approved on 29 February', '1980-01-01', '2028-02-29', '2030-02-28'],
    ['a newborn', '2026-11-23', '2026-11-23', '2040-11-22'],
  ])('%s', (_name, birthDate, today, expected) => {
    expect(thirdPersonEndDate(birthDate, today, policy)).toBe(expected);
  });

  it('never ends before it starts', () => {
    for (const birth of ['2012-11-24', '2012-11-23', '2000-01-01', '2026-11-23']) {
      expect(thirdPersonEndDate(birth, '2026-11-23', policy) >= '2026-11-23').toBe(true);
    }
  });

  it('uses the configured term and age', () => {
    expect(
      thirdPersonEndDate('1980-01-01', '2026-11-23', {
        noSelfAuthAge: 16,
        thirdPersonTermYears: 5,
      }),
    ).toBe('2031-11-23');
    expect(
      thirdPersonEndDate('2011-01-01', '2026-11-23', {
        noSelfAuthAge: 16,
        thirdPersonTermYears: 5,
      }),
    ).toBe('2026-12-31');
  });
});
