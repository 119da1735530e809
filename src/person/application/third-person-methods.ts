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
