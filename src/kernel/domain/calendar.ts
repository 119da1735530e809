/**
 * Calendar arithmetic on plain `YYYY-MM-DD` dates (docs/domain-rules.md, Time and age). Pure: no clock, no time zone
 * database beyond the platform's Intl, no framework.
 */

export const REGISTRY_TIME_ZONE = 'Europe/Kyiv';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function parseDate(value: string): CalendarDate | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isValidDate(value: string): boolean {
  return parseDate(value) !== undefined;
}

export function formatDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad(date.month)}-${pad(date.day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function mustParse(value: string): CalendarDate {
  const date = parseDate(value);
  if (!date) throw new RangeError(`not a calendar date: ${value}`);
  return date;
}

/** Adds whole years; 29 February lands on 28 February in a year without one. */
export function addYears(value: string, years: number): string {
  const date = mustParse(value);
  const year = date.year + years;
  return formatDate({
    year,
    month: date.month,
    day: Math.min(date.day, daysInMonth(year, date.month)),
  });
}

export function addDays(value: string, days: number): string {
  const date = mustParse(value);
  const utc = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return utc.toISOString().slice(0, 10);
}

// Building an Intl.DateTimeFormat costs far more than using one: made once per process.
const KYIV_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: REGISTRY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const HOUR_MS = 3_600_000;
/**
 * Since 1930 Kyiv's offsets from UTC are whole hours (UTC+2, +3 and, before 1990, +4), so its
 * calendar date is the same for every instant of one UTC hour; before that it kept local mean
 * time (+2:02:04).
 */
const WHOLE_HOUR_OFFSETS_SINCE = Date.UTC(1930, 0, 1);
/** The last UTC hour asked for and its Kyiv date: most calls ask for "now", hour after hour. */
let lastHour = Number.NaN;
let lastDate = '';

/** The calendar date of an instant in the registry's time zone (Europe/Kyiv). */
export function dateInKyiv(instant: Date): string {
  const ms = instant.getTime();
  const hour = Math.floor(ms / HOUR_MS);
  if (hour === lastHour) return lastDate;
  const parts = KYIV_DATE.formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)!.value;
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  if (ms >= WHOLE_HOUR_OFFSETS_SINCE) {
    lastHour = hour;
    lastDate = date;
  }
  return date;
}

/** The instant at which a Kyiv calendar day begins (handles both UTC+2 and UTC+3). */
export function startOfDayInKyiv(value: string): Date {
  const date = mustParse(value);
  const guess = Date.UTC(date.year, date.month - 1, date.day);
  for (const offsetHours of [2, 3, 4, 1]) {
    const candidate = new Date(guess - offsetHours * 3_600_000);
    if (
      dateInKyiv(candidate) === value &&
      dateInKyiv(new Date(candidate.getTime() - 1)) !== value
    ) {
      return candidate;
    }
  }
  return new Date(guess - 2 * 3_600_000);
}

/** Whole completed years between birth date and today (docs/domain-rules.md, Time and age). */
export function ageOn(birthDate: string, today: string): number {
  const birth = mustParse(birthDate);
  const now = mustParse(today);
  let age = now.year - birth.year;
  if (now.month < birth.month || (now.month === birth.month && now.day < birth.day)) age -= 1;
  return age;
}
