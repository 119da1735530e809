import { activeMethods } from '../../person/domain/authentication-methods.js';
import type { AuthMethod } from '../../person/domain/person.js';

/**
 * Who confirms a request (docs/domain-rules.md, The current authentication method), as stored on
 * it when it is created. `verifiedBy` is what approve checks: OTP (a code to `phoneNumber`),
 * OFFLINE (scans) or NA.
 */
export interface CurrentMethod {
  readonly type: 'OTP' | 'OFFLINE' | 'THIRD_PERSON' | 'NA';
  readonly verifiedBy: 'OTP' | 'OFFLINE' | 'NA';
  /** Own phone for OTP; the third person's phone for THIRD_PERSON resolving to OTP. */
  readonly phoneNumber?: string;
  readonly thirdPersonId?: string;
}

export const NA_METHOD: CurrentMethod = { type: 'NA', verifiedBy: 'NA' };

/**
 * A person's own method: their active OTP, else their active OFFLINE, else NA. Their
 * THIRD_PERSON methods do not count: a third person confirms for someone else only with a method
 * of their own (which is also what insert THIRD_PERSON requires).
 */
export function ownMethod(methods: readonly AuthMethod[], now: Date): CurrentMethod {
  const active = activeMethods(methods, now);
  const otp = active.find((m) => m.type === 'OTP' && m.phoneNumber);
  if (otp) return { type: 'OTP', verifiedBy: 'OTP', phoneNumber: otp.phoneNumber! };
  if (active.some((m) => m.type === 'OFFLINE')) return { type: 'OFFLINE', verifiedBy: 'OFFLINE' };
  return NA_METHOD;
}

/**
 * Among the active methods, the first match of: OTP; OFFLINE; the earliest-added THIRD_PERSON
 * whose third person's own method is OTP; then one whose is OFFLINE; else NA.
 * `thirdPersonMethods` holds the methods of every third person named by a THIRD_PERSON row.
 */
export function currentMethod(
  methods: readonly AuthMethod[],
  now: Date,
  thirdPersonMethods: ReadonlyMap<string, readonly AuthMethod[]>,
): CurrentMethod {
  const own = ownMethod(methods, now);
  if (own.type !== 'NA') return own;
  const thirdPersons = activeMethods(methods, now).filter(
    (m) => m.type === 'THIRD_PERSON' && m.value,
  );
  for (const wanted of ['OTP', 'OFFLINE'] as const) {
    for (const method of thirdPersons) {
      const theirs = ownMethod(thirdPersonMethods.get(method.value!) ?? [], now);
      if (theirs.type === wanted) return throughThirdPerson(method.value!, theirs);
    }
  }
  return NA_METHOD;
}

/** A THIRD_PERSON method confirmed by the third person's own method. */
export function throughThirdPerson(thirdPersonId: string, theirs: CurrentMethod): CurrentMethod {
  return {
    type: 'THIRD_PERSON',
    verifiedBy: theirs.verifiedBy,
    thirdPersonId,
    ...(theirs.phoneNumber ? { phoneNumber: theirs.phoneNumber } : {}),
  };
}

/** Whether two stored methods name the same confirmer (the same type, phone and third person). */
export function sameConfirmer(a: CurrentMethod, b: CurrentMethod): boolean {
  return (
    a.type === b.type &&
    a.verifiedBy === b.verifiedBy &&
    a.phoneNumber === b.phoneNumber &&
    a.thirdPersonId === b.thirdPersonId
  );
}
