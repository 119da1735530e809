import type { PersonRegistry } from '../../person/application/person-registry.port.js';
import { thirdPersonMethods } from '../../person/application/third-person-methods.js';
import type { AuthMethod } from '../../person/domain/person.js';
import { currentMethod, type CurrentMethod } from '../domain/current-method.js';

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
export async function confirmerDocumentTypes(
  registry: PersonRegistry,
  current: CurrentMethod,
  ownDocumentTypes: readonly string[],
): Promise<readonly string[]> {
  if (current.verifiedBy !== 'OFFLINE') return [];
  if (current.type !== 'THIRD_PERSON') return ownDocumentTypes;
  const third = await registry.findById(current.thirdPersonId!);
  return third?.documents.map((d) => d.type) ?? [];
}
