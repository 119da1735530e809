import type { AuthMethod } from './person.js';

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

/** The active methods, earliest-added first. */
export function activeMethods(methods: readonly AuthMethod[], now: Date): AuthMethod[] {
  return methods.filter((m) => isActive(m, now)).sort(byAddition);
}

/**
 * The methods a reader sees (docs/api.md, Persons): active ones, NA hidden, THIRD_PERSON hidden
 * when the third person has no active method.
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
