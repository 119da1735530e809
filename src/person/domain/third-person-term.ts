import { addDays, addYears, ageOn, startOfDayInKyiv } from '../../kernel/domain/calendar.js';

export interface TermPolicy {
  readonly noSelfAuthAge: number;
  readonly thirdPersonTermYears: number;
}

/**
 * The end date of a THIRD_PERSON method: start = today; a person younger than no_self_auth_age
 * is represented until the day before that birthday, anyone else for the configured term.
 */
export function thirdPersonEndDate(birthDate: string, today: string, policy: TermPolicy): string {
  if (ageOn(birthDate, today) < policy.noSelfAuthAge) {
    return addDays(addYears(birthDate, policy.noSelfAuthAge), -1);
  }
  return addYears(today, policy.thirdPersonTermYears);
}

/**
 * The instants a new THIRD_PERSON method is active between: from the start of today in Kyiv,
 * through the whole end date (it ends when the next Kyiv day begins).
 */
export function thirdPersonPeriod(
  birthDate: string,
  today: string,
  policy: TermPolicy,
): { readonly startedAt: Date; readonly endedAt: Date } {
  const endDate = thirdPersonEndDate(birthDate, today, policy);
  return { startedAt: startOfDayInKyiv(today), endedAt: startOfDayInKyiv(addDays(endDate, 1)) };
}
