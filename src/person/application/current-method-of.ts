import { currentMethod, type CurrentMethod } from '../domain/current-method.js';
import type { AuthMethod } from '../domain/person.js';
import type { PersonRegistry } from './person-registry.port.js';

/** The methods of every third person that the given methods name (for rules on THIRD_PERSON). */
export async function thirdPersonMethods(
  registry: PersonRegistry,
  methods: readonly AuthMethod[],
): Promise<ReadonlyMap<string, readonly AuthMethod[]>> {
  const ids = methods.filter((m) => m.type === 'THIRD_PERSON' && m.value).map((m) => m.value!);
  return registry.methodsOf(ids);
}

/** The person's current method, resolving THIRD_PERSON rows through the registry. */
export async function currentMethodOf(
  registry: PersonRegistry,
  methods: readonly AuthMethod[],
  now: Date,
): Promise<CurrentMethod> {
  return currentMethod(methods, now, await thirdPersonMethods(registry, methods));
}

/**
 * Whose documents prove an OFFLINE current method by their scans: the person's own (as the
 * caller knows them), or the third person's; none for any other method.
 */
export async function authenticatorDocumentTypes(
  registry: PersonRegistry,
  current: CurrentMethod,
  ownDocumentTypes: readonly string[],
): Promise<readonly string[]> {
  if (current.verifiedBy !== 'OFFLINE') return [];
  if (current.type !== 'THIRD_PERSON') return ownDocumentTypes;
  const third = await registry.findById(current.thirdPersonId!);
  return third?.documents.map((d) => d.type) ?? [];
}
