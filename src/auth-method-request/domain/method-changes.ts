import { activeMethods } from '../../person/domain/authentication-methods.js';
import type { AuthMethod, Person } from '../../person/domain/person.js';
import { thirdPersonPeriod, type TermPolicy } from '../../person/domain/third-person-term.js';
import type { AuthMethodRequest } from './auth-method-request.js';

/** What an approve changes of the person's methods, decided without I/O. */
export interface MethodChanges {
  readonly endMethodIds: readonly string[];
  readonly addMethod: AuthMethod | null;
  readonly rename: { readonly methodId: string; readonly alias: string } | null;
}

const OWN_TYPES = new Set(['OTP', 'OFFLINE', 'NA']);

/** docs/domain-rules.md, Effects on the person's authentication methods. */
export function planMethodChanges(
  request: Pick<AuthMethodRequest, 'action' | 'authenticationMethod'>,
  person: Person,
  now: Date,
  today: string,
  policy: TermPolicy,
  newMethodId: string,
): MethodChanges {
  const method = request.authenticationMethod;
  const active = activeMethods(person.authenticationMethods, now);
  const none: MethodChanges = { endMethodIds: [], addMethod: null, rename: null };
  switch (request.action) {
    case 'update':
      return { ...none, rename: { methodId: method.id!, alias: method.alias! } };
    case 'deactivate':
      return { ...none, endMethodIds: active.filter((m) => m.id === method.id).map((m) => m.id) };
    case 'insert':
      if (method.type === 'THIRD_PERSON') {
        return {
          ...none,
          addMethod: {
            id: newMethodId,
            type: 'THIRD_PERSON',
            phoneNumber: null,
            value: method.value!,
            alias: method.alias ?? null,
            ...thirdPersonPeriod(person.birthDate, today, policy),
            insertedAt: now,
          },
        };
      }
      return {
        endMethodIds: active.filter((m) => OWN_TYPES.has(m.type)).map((m) => m.id),
        addMethod: {
          id: newMethodId,
          type: method.type!,
          phoneNumber: method.type === 'OTP' ? method.phoneNumber! : null,
          value: null,
          alias: method.alias ?? null,
          startedAt: now,
          endedAt: null,
          insertedAt: now,
        },
        rename: null,
      };
  }
}
