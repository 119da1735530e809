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
