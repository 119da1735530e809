import { activeMethods } from '../../person/domain/current-method.js';
import type { AuthMethod, Person } from '../../person/domain/person.js';
import { thirdPersonPeriod, type TermPolicy } from '../../person/domain/third-person-term.js';
import type { AuthMethodRequest } from './auth-method-request.js';
import { verificationOutcome, type VerificationOutcome } from './verification-rules.js';

/** Everything an approve changes on the person (methods, verification status), decided without I/O. */
export interface ApprovalPlan {
  readonly endMethodIds: readonly string[];
  readonly addMethod: AuthMethod | null;
  readonly rename: { readonly methodId: string; readonly alias: string } | null;
  readonly verification: VerificationOutcome | null;
}

const OWN_TYPES = new Set(['OTP', 'OFFLINE', 'NA']);

export function planApproval(
  request: Pick<AuthMethodRequest, 'action' | 'authenticationMethod'>,
  person: Person,
  now: Date,
  today: string,
  policy: TermPolicy,
  newMethodId: string,
): ApprovalPlan {
  const method = request.authenticationMethod;
  const active = activeMethods(person.authenticationMethods, now);
  const none = { endMethodIds: [], addMethod: null, rename: null };
  const verification = verificationOutcome(
    request.action,
    method.type,
    person,
    today,
    policy.noSelfAuthAge,
  );
  switch (request.action) {
    case 'update':
      return { ...none, rename: { methodId: method.id!, alias: method.alias! }, verification };
    case 'deactivate':
      return {
        ...none,
        endMethodIds: active.filter((m) => m.id === method.id).map((m) => m.id),
        verification,
      };
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
          verification,
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
        verification,
      };
  }
}
