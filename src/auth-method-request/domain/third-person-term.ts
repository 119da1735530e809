import { addDays, addYears, ageOn } from '../../shared/domain/calendar.js';

export interface TermPolicy {
  readonly noSelfAuthAge: number;
  readonly thirdPersonTermYears: number;
}

/**
 * rules.md §6: start = today; a person younger than no_self_auth_age is represented until the
 * day before that birthday, anyone else for the configured term.
 */
export function thirdPersonEndDate(birthDate: string, today: string, policy: TermPolicy): string {
  if (ageOn(birthDate, today) < policy.noSelfAuthAge) {
    return addDays(addYears(birthDate, policy.noSelfAuthAge), -1);
  }
  return addYears(today, policy.thirdPersonTermYears);
}
