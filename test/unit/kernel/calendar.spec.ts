import {
  addDays,
  addYears,
  ageOn,
  dateInKyiv,
  isValidDate,
  startOfDayInKyiv,
} from '../../../src/kernel/domain/calendar.js';

describe('age', () => {
  it.each([
    ['2012-11-23', '2026-11-22', 13, 'the day before the 14th birthday'],
    ['2012-11-23', '2026-11-23', 14, 'on the 14th birthday'],
    ['2012-11-24', '2026-11-23', 13, 'birthday tomorrow'],
    ['2008-02-29', '2026-02-28', 17, '29 February in a non-leap year, 28 February'],
    ['2008-02-29', '2026-03-01', 18, '29 February in a non-leap year, 1 March'],
    ['2008-02-29', '2024-02-29', 16, '29 February in a leap year'],
    ['2000-01-01', '1999-12-31', -1, 'a birth date after today'],
  ])('born %s is %i on %s (%s)', (birth, today, age) => {
    expect(ageOn(birth, today)).toBe(age);
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2026-11-23', 2, '2028-11-23'],
    ['2026-01-31', 0, '2026-01-31'],
  ])('adds years: %s + %i = %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it.each([
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
  ])('adds days: %s + %i = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '26-01-01', '2026-1-1', ''])(
    'rejects %p as a date',
    (value) => {
      expect(isValidDate(value)).toBe(false);
    },
  );

  it('takes "today" in Kyiv, not UTC', () => {
    expect(dateInKyiv(new Date('2026-11-22T22:30:00Z'))).toBe('2026-11-23');
    expect(dateInKyiv(new Date('2026-07-22T20:59:59Z'))).toBe('2026-07-22');
    expect(dateInKyiv(new Date('2026-07-22T21:00:00Z'))).toBe('2026-07-23');
  });

  it('answers as the time zone data does for every minute, asked forwards and backwards', () => {
    // The date is remembered for the last UTC hour asked: every minute of eight hours around
    // the changes to and from summer time, the last offset change of 1941 (+3 to +1), and local
    // mean time before 1924 (+2:02:04: its midnight falls inside a UTC hour), each walked in
    // order and back, so that the remembered hour is asked again across a change of date.
    const reference = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Kyiv',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const starts = [
      '2026-03-28T20:00:00Z',
      '2026-10-24T20:00:00Z',
      '1941-09-19T20:00:00Z',
      '1900-06-01T20:00:00Z',
    ];
    const wrong: string[] = [];
    for (const start of starts) {
      const minutes = Array.from({ length: 8 * 60 }, (_, m) => Date.parse(start) + m * 60_000);
      for (const ms of [...minutes, ...minutes.reverse()]) {
        const at = new Date(ms);
        if (dateInKyiv(at) !== reference.format(at)) wrong.push(at.toISOString());
      }
    }
    expect(wrong).toEqual([]);
  });

  it('finds the start of a Kyiv day in winter and in summer time', () => {
    expect(startOfDayInKyiv('2026-11-23').toISOString()).toBe('2026-11-22T22:00:00.000Z');
    expect(startOfDayInKyiv('2026-07-23').toISOString()).toBe('2026-07-22T21:00:00.000Z');
    expect(startOfDayInKyiv('2026-03-29').toISOString()).toBe('2026-03-28T22:00:00.000Z');
  });
});
