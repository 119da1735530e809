import type { AuthMethod } from './person.js';

/**
 * The method a person authenticates with (docs/domain-rules.md, The current authentication method), as stored on a request.
 * `verifiedBy` is what approve checks: OTP (a code to `phoneNumber`), OFFLINE (documents) or NA.
 */
export interface CurrentMethod {
  readonly type: 'OTP' | 'OFFLINE' | 'THIRD_PERSON' | 'NA';
  readonly verifiedBy: 'OTP' | 'OFFLINE' | 'NA';
  /** Own phone for OTP; the third person's phone for THIRD_PERSON resolving to OTP. */
  readonly phoneNumber?: string;
  readonly thirdPersonId?: string;
}

export const NA_METHOD: CurrentMethod = { type: 'NA', verifiedBy: 'NA' };

/** Active = not ended, or ending in the future (docs/api.md, Persons). */
export function isActive(method: Pick<AuthMethod, 'endedAt'>, now: Date): boolean {
  return method.endedAt === null || method.endedAt.getTime() > now.getTime();
}

/** Earliest-added first; the id breaks ties so the choice never depends on row order. */
function byAddition(a: AuthMethod, b: AuthMethod): number {
  const diff = a.insertedAt.getTime() - b.insertedAt.getTime();
  if (diff !== 0) return diff;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function activeMethods(methods: readonly AuthMethod[], now: Date): AuthMethod[] {
  return methods.filter((m) => isActive(m, now)).sort(byAddition);
}

/**
 * A third person's own method: their active OTP, else their active OFFLINE, else NA. Their own
 * THIRD_PERSON methods do not count: a third person authenticates for someone else only with a
 * method of their own (which is also what insert THIRD_PERSON requires, docs/domain-rules.md, Create-time validation).
 */
export function ownMethod(methods: readonly AuthMethod[], now: Date): CurrentMethod {
  const active = activeMethods(methods, now);
  const otp = active.find((m) => m.type === 'OTP' && m.phoneNumber);
  if (otp) return { type: 'OTP', verifiedBy: 'OTP', phoneNumber: otp.phoneNumber! };
  if (active.some((m) => m.type === 'OFFLINE')) return { type: 'OFFLINE', verifiedBy: 'OFFLINE' };
  return NA_METHOD;
}

/**
 * docs/domain-rules.md, The current authentication method: among the active methods, the first match of OTP; OFFLINE; the earliest-added
 * THIRD_PERSON whose third person's own method is OTP; then one whose is OFFLINE; else NA.
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
      if (theirs.type === wanted) {
        return {
          type: 'THIRD_PERSON',
          verifiedBy: wanted,
          thirdPersonId: method.value!,
          ...(theirs.phoneNumber ? { phoneNumber: theirs.phoneNumber } : {}),
        };
      }
    }
  }
  return NA_METHOD;
}

/**
 * The methods a reader sees (docs/api.md, Persons): active ones, NA hidden, THIRD_PERSON hidden when the
 * third person has no active method.
 */
export function visibleMethods(
  methods: readonly AuthMethod[],
  now: Date,
  thirdPersonMethods: ReadonlyMap<string, readonly AuthMethod[]>,
): AuthMethod[] {
  return activeMethods(methods, now).filter((m) => {
    if (m.type === 'NA') return false;
    if (m.type !== 'THIRD_PERSON') return true;
    return activeMethods(thirdPersonMethods.get(m.value ?? '') ?? [], now).length > 0;
  });
}
