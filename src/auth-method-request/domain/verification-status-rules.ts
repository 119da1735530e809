import { ageOn } from '../../kernel/domain/calendar.js';
import { isTaxIdValid } from '../../kernel/domain/tax-id.js';
import type { Person, VerificationReason, VerificationStatus } from '../../person/domain/person.js';
import type { AmrAction } from './auth-method-request.js';

export interface VerificationStatusChange {
  readonly status: VerificationStatus;
  readonly reason: VerificationReason;
  /** null clears the comment; undefined leaves it. */
  readonly comment?: null;
  /** Which rules fired, for logs and tests (rules 02–05). */
  readonly triggered: readonly string[];
}

type Subject = Pick<
  Person,
  'birthDate' | 'gender' | 'taxId' | 'noTaxId' | 'verificationStatus' | 'documents'
>;

/**
 * Rules 02–05 (docs/domain-rules.md, Verification-status rules): which of them hold for this
 * person today.
 */
export function triggeredRules(person: Subject, today: string, noSelfAuthAge: number): string[] {
  const selfAuth = ageOn(person.birthDate, today) >= noSelfAuthAge;
  const has = (type: string): boolean => person.documents.some((d) => d.type === type);
  const rules: string[] = [];
  if (selfAuth && person.noTaxId) rules.push('02');
  if (selfAuth && !person.noTaxId && !isTaxIdValid(person.taxId, person.birthDate, person.gender))
    rules.push('03');
  if (!selfAuth && has('BIRTH_CERTIFICATE_FOREIGN')) rules.push('04');
  if (selfAuth && has('PERMANENT_RESIDENCE_PERMIT')) rules.push('05');
  return rules;
}

/**
 * The change of the person's verification status an approved request makes, or null for none (no
 * event) (docs/domain-rules.md, Verification-status rules). Only inserts change anything:
 * OFFLINE → rule 01; OTP, unless already VERIFIED → rules 02–05.
 */
export function verificationStatusChange(
  action: AmrAction,
  insertedType: string | undefined,
  person: Subject,
  today: string,
  noSelfAuthAge: number,
): VerificationStatusChange | null {
  if (action !== 'insert') return null;
  if (insertedType === 'OFFLINE') {
    return { status: 'VERIFICATION_NEEDED', reason: 'AUTO', triggered: ['01'] };
  }
  if (insertedType !== 'OTP' || person.verificationStatus === 'VERIFIED') return null;
  const triggered = triggeredRules(person, today, noSelfAuthAge);
  if (triggered.length > 0)
    return { status: 'VERIFICATION_NEEDED', reason: 'RULES_TRIGGERED', triggered };
  return { status: 'VERIFICATION_NEEDED', reason: 'RULES_PASSED', comment: null, triggered: [] };
}
