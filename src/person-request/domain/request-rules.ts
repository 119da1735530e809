import { ageOn, isValidDate } from '../../kernel/domain/calendar.js';
import type { InvalidEntry } from '../../kernel/domain/errors.js';
import { isJsonObject, type JsonObject } from '../../kernel/domain/json.js';
import { UA_PHONE } from '../../kernel/domain/phone.js';
import { isUuid } from '../../kernel/domain/uuid.js';

/** What the rules need besides the person: today in Kyiv and the age of an own method. */
export interface RequestRulePolicy {
  /** `YYYY-MM-DD`, the calendar date in Kyiv now. */
  readonly today: string;
  /** From this age a person may hold an own method (OTP or OFFLINE); below it THIRD_PERSON. */
  readonly noSelfAuthAge: number;
}

const AT = '$.person';
const METHODS = `${AT}.authentication_methods`;

const entry = (path: string, rule: string, description: string): InvalidEntry => ({
  entry: path,
  rule,
  description,
});

/**
 * The registry's rules of a person request, the same for v2 and v3 (the person of either
 * version carries `id`, `birth_date`, `authentication_methods` and `confidant_person` alike):
 * - an update names `person.id`, and then `authentication_methods` and `confidant_person` are
 *   not allowed;
 * - a create has no `person.id` and needs exactly one authentication method: OTP with a
 *   Ukrainian mobile, OFFLINE, or THIRD_PERSON with a `value` (UUID) and an `alias`;
 * - a person under `noSelfAuthAge` is created with THIRD_PERSON only;
 * - a THIRD_PERSON `value` equals `confidant_person.person_id` when both are given.
 * Every problem with its JSON path; empty when the person passes.
 */
export function personRequestRuleProblems(
  person: JsonObject,
  policy: RequestRulePolicy,
): InvalidEntry[] {
  if (person.id !== undefined) {
    return [
      ...('authentication_methods' in person
        ? [entry(METHODS, 'invalid', 'not allowed with person.id')]
        : []),
      ...('confidant_person' in person
        ? [entry(`${AT}.confidant_person`, 'invalid', 'not allowed with person.id')]
        : []),
    ];
  }
  const methods = person.authentication_methods;
  if (methods === undefined || methods === null) return [entry(METHODS, 'required', REQUIRED)];
  if (!Array.isArray(methods)) return [entry(METHODS, 'cast', 'must be an array')];
  if (methods.length === 0) return [entry(METHODS, 'length', 'must have at least 1 item(s)')];
  const problems: InvalidEntry[] = [];
  if (methods.length > 1) problems.push(entry(METHODS, 'length', 'must have exactly 1 item'));
  const method: unknown = methods[0];
  if (!isJsonObject(method)) {
    problems.push(entry(`${METHODS}[0]`, 'cast', 'must be an object'));
    return problems;
  }
  return [...problems, ...methodProblems(method, person), ...ageProblems(method, person, policy)];
}

const REQUIRED = 'required property is missing';

function methodProblems(method: JsonObject, person: JsonObject): InvalidEntry[] {
  const at = `${METHODS}[0]`;
  switch (method.type) {
    case 'OTP':
      if (!('phone_number' in method)) return [entry(`${at}.phone_number`, 'required', REQUIRED)];
      if (typeof method.phone_number !== 'string' || !UA_PHONE.test(method.phone_number)) {
        return [entry(`${at}.phone_number`, 'format', 'must match ^\\+380[0-9]{9}$')];
      }
      return [];
    case 'OFFLINE':
      return [];
    case 'THIRD_PERSON': {
      const problems: InvalidEntry[] = [];
      if (!('value' in method)) problems.push(entry(`${at}.value`, 'required', REQUIRED));
      else if (!isUuid(method.value))
        problems.push(entry(`${at}.value`, 'format', 'must be a UUID'));
      if (method.alias === undefined || method.alias === null) {
        problems.push(entry(`${at}.alias`, 'required', REQUIRED));
      } else if (typeof method.alias !== 'string' || method.alias.trim() === '') {
        problems.push(entry(`${at}.alias`, 'cast', 'must be a non-empty string'));
      }
      const confidant = person.confidant_person;
      const confidantId = isJsonObject(confidant) ? confidant.person_id : undefined;
      if (
        typeof confidantId === 'string' &&
        isUuid(method.value) &&
        confidantId.toLowerCase() !== method.value.toLowerCase()
      ) {
        problems.push(
          entry(`${at}.value`, 'invalid', 'must equal $.person.confidant_person.person_id'),
        );
      }
      return problems;
    }
    default:
      return [entry(`${at}.type`, 'inclusion', 'must be one of OTP, OFFLINE, THIRD_PERSON')];
  }
}

/** Under `noSelfAuthAge`, an own method (OTP, OFFLINE) is refused: only THIRD_PERSON. */
function ageProblems(
  method: JsonObject,
  person: JsonObject,
  policy: RequestRulePolicy,
): InvalidEntry[] {
  const birthDate = person.birth_date;
  if (method.type !== 'OTP' && method.type !== 'OFFLINE') return [];
  if (typeof birthDate !== 'string' || !isValidDate(birthDate) || birthDate > policy.today) {
    return [];
  }
  if (ageOn(birthDate, policy.today) >= policy.noSelfAuthAge) return [];
  return [
    entry(
      `${METHODS}[0].type`,
      'inclusion',
      `must be THIRD_PERSON for a person under ${policy.noSelfAuthAge}`,
    ),
  ];
}
