import { ageOn } from '../../kernel/domain/calendar.js';
import {
  DomainError,
  fail,
  invalidField,
  validationFailed,
  type InvalidEntry,
} from '../../kernel/domain/errors.js';
import { UA_PHONE } from '../../kernel/domain/phone.js';
import { isUuid } from '../../kernel/domain/uuid.js';
import { activeMethods } from '../../person/domain/authentication-methods.js';
import { ownMethod, type CurrentMethod } from '../../request-lifecycle/domain/current-method.js';
import type { AuthMethod, Person } from '../../person/domain/person.js';
import type { AmrAction, RequestedMethod } from './auth-method-request.js';
import {
  AUTH_METHOD_INVALID_TEXT,
  AUTH_METHOD_REQUEST_ERRORS,
} from './auth-method-request-errors.js';
import { LIFECYCLE_ERRORS } from '../../request-lifecycle/domain/lifecycle-errors.js';
import { PERSON_INVALID_TEXT } from '../../person/domain/person-errors.js';

/**
 * Rules of a create in the domain's words: a refused field is named by its key in
 * RequestedMethod (`phoneNumber`), and the HTTP edge puts it on its JSON path in the body.
 */
type Field = keyof RequestedMethod;

/**
 * What the use case looked up for the rules of one create (docs/domain-rules.md, Create-time
 * validation).
 */
export interface CreateContext {
  readonly person: Pick<Person, 'id' | 'birthDate' | 'authenticationMethods' | 'documents'>;
  readonly current: CurrentMethod;
  readonly now: Date;
  readonly today: string;
  readonly noSelfAuthAge: number;
  /** insert OTP: whether the phone completed a phone verification. */
  readonly phoneVerified?: boolean;
  /** insert THIRD_PERSON: the third person, or null when there is none with that id. */
  readonly thirdPerson?: Pick<
    Person,
    'id' | 'status' | 'birthDate' | 'authenticationMethods'
  > | null;
}

/** Shape of the body per action and type: required, forbidden and formatted fields (422). */
export function shapeProblems(action: AmrAction, method: RequestedMethod): InvalidEntry[] {
  const problems: InvalidEntry[] = [];
  const required = (field: Field): void => {
    if (method[field] === undefined || method[field] === '') {
      problems.push({
        entry: field,
        rule: 'required',
        description: 'required property is missing',
      });
    }
  };
  const forbidden = (field: Field, name: string): void => {
    if (method[field] !== undefined) {
      problems.push({ entry: field, rule: 'invalid', description: `${name} is not allowed here` });
    }
  };
  if (action === 'insert') {
    if (method.type === undefined) required('type');
    forbidden('id', 'id');
    if (method.type === 'OTP') {
      required('phoneNumber');
      forbidden('value', 'value');
      if (
        method.phoneNumber !== undefined &&
        method.phoneNumber !== '' &&
        !UA_PHONE.test(method.phoneNumber)
      ) {
        problems.push({
          entry: 'phoneNumber',
          rule: 'format',
          description: 'must match ^\\+380[0-9]{9}$',
        });
      }
    } else if (method.type === 'OFFLINE') {
      forbidden('phoneNumber', 'phone_number');
      forbidden('value', 'value');
    } else if (method.type === 'THIRD_PERSON') {
      required('value');
      required('alias');
      forbidden('phoneNumber', 'phone_number');
      if (method.value !== undefined && method.value !== '' && !isUuid(method.value)) {
        problems.push({ entry: 'value', rule: 'format', description: 'must be a UUID' });
      }
    }
  } else {
    required('id');
    if (method.id !== undefined && method.id !== '' && !isUuid(method.id)) {
      problems.push({ entry: 'id', rule: 'format', description: 'must be a UUID' });
    }
    forbidden('type', 'type');
    forbidden('phoneNumber', 'phone_number');
    forbidden('value', 'value');
    if (action === 'update') required('alias');
    else forbidden('alias', 'alias');
  }
  return problems;
}

/**
 * docs/domain-rules.md, Create-time validation after the person was found active: the first rule
 * that refuses the request, as a DomainError (422 on a field, or 409), or null when the request
 * may be created.
 */
export function createRejection(
  action: AmrAction,
  method: RequestedMethod,
  ctx: CreateContext,
): DomainError | null {
  const problems = shapeProblems(action, method);
  if (problems.length > 0) return validationFailed(problems);
  const active = activeMethods(ctx.person.authenticationMethods, ctx.now);
  const selfAuth = ageOn(ctx.person.birthDate, ctx.today) >= ctx.noSelfAuthAge;

  if (action === 'update' || action === 'deactivate') {
    if (ctx.current.type === 'NA') return fail(AUTH_METHOD_REQUEST_ERRORS.naMethod);
    const target = active.find((m) => m.id === method.id?.toLowerCase());
    if (!target || (action === 'deactivate' && target.type !== 'THIRD_PERSON')) {
      return invalidField('id', AUTH_METHOD_INVALID_TEXT.notOwnMethod);
    }
    return null;
  }

  switch (method.type) {
    case 'OTP':
      if (!selfAuth) return fail(AUTH_METHOD_REQUEST_ERRORS.tooYoung);
      if (!ctx.phoneVerified) return fail(AUTH_METHOD_REQUEST_ERRORS.phoneNotVerified);
      if (active.some((m) => m.type === 'OTP' && m.phoneNumber === method.phoneNumber))
        return fail(AUTH_METHOD_REQUEST_ERRORS.sameOtpPhone);
      return null;
    case 'OFFLINE':
      if (!selfAuth) return fail(AUTH_METHOD_REQUEST_ERRORS.tooYoung);
      if (ctx.current.type === 'OFFLINE') return fail(AUTH_METHOD_REQUEST_ERRORS.alreadyOffline);
      // Switching to offline authentication is proved by scans of the person's documents.
      if (ctx.person.documents.length === 0) return fail(LIFECYCLE_ERRORS.noDocumentsToVerify);
      return null;
    case 'THIRD_PERSON':
      return thirdPersonRejection(method, ctx, active, selfAuth);
    default:
      return invalidField('type', 'must be one of OTP, OFFLINE, THIRD_PERSON', 'inclusion');
  }
}

function thirdPersonRejection(
  method: RequestedMethod,
  ctx: CreateContext,
  active: readonly AuthMethod[],
  selfAuth: boolean,
): DomainError | null {
  if (selfAuth && ctx.current.type === 'NA' && ageOn(ctx.person.birthDate, ctx.today) >= 18)
    return fail(AUTH_METHOD_REQUEST_ERRORS.naMethod);
  const third = ctx.thirdPerson;
  const value = (text: string): DomainError => invalidField('value', text);
  if (!third) return value(PERSON_INVALID_TEXT.noSuchPerson);
  if (third.id === ctx.person.id) return value(PERSON_INVALID_TEXT.thirdPersonIsSelf);
  if (third.status !== 'active') return value(PERSON_INVALID_TEXT.thirdPersonInactive);
  if (ageOn(third.birthDate, ctx.today) < 18) return value(PERSON_INVALID_TEXT.thirdPersonNotAdult);
  if (ownMethod(third.authenticationMethods, ctx.now).type === 'NA') {
    return value(PERSON_INVALID_TEXT.thirdPersonWithoutMethod);
  }
  if (active.some((m) => m.type === 'THIRD_PERSON' && m.value === third.id))
    return fail(AUTH_METHOD_REQUEST_ERRORS.sameThirdPerson);
  return null;
}
