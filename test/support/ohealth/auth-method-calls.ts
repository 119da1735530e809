/**
 * The authentication-method screens of the MIS client openhealths/ohealth: verify a phone,
 * create an authentication method request (insert, update, deactivate), approve it, resend its
 * code. Classes `app/Classes/eHealth/Api/Verification.php` and `Person.php`; screens
 * `app/Livewire/Person/PersonUpdate.php` and `Records/PersonData.php` (released, e023bc4), the
 * trait `app/Livewire/Person/Traits/InteractsWithAuthenticationMethods.php` (newest, 3ebf5fa).
 */
import { DEFAULT_DICTIONARIES } from './dictionaries.js';
import {
  inDictionary,
  phoneNumber,
  validateLikeLaravel,
  type Dictionaries,
  type Rules,
} from './laravel-validation.js';
import {
  clientView,
  misHeaders,
  reads,
  type MisClientSettings,
  type MisRequest,
} from './mis-request.js';
import type { ClientVersion } from './person-request-calls.js';

const requests = (personId: string) => `/api/persons/${personId}/authentication_method_requests`;

/** `Verification::findByPhoneNumber`: the phone goes into the path as typed, `+` included. */
export function findVerifiedPhone(settings: MisClientSettings, phone: string): MisRequest {
  return {
    method: 'GET',
    path: `/api/verifications/${phone}`,
    query: {},
    headers: misHeaders(settings),
  };
}

/** `Verification::initialize(['phone_number' => ...])`, sent when the phone was not found (404). */
export function startPhoneVerification(settings: MisClientSettings, phone: string): MisRequest {
  return {
    method: 'POST',
    path: '/api/verifications',
    query: {},
    headers: misHeaders(settings),
    body: { phone_number: phone },
  };
}

/** `Verification::complete($phone, ['code' => <int>])`. */
export function completePhoneVerification(
  settings: MisClientSettings,
  phone: string,
  code: number,
): MisRequest {
  return {
    method: 'PATCH',
    path: `/api/verifications/${phone}/actions/complete`,
    query: {},
    headers: misHeaders(settings),
    body: { code },
  };
}

/**
 * `Person::insertAuthMethod` (`Arr::whereNotNull` of type, phone_number, value, alias), and the
 * released `PersonData::createAuthMethod`, which sends the same body through `createAuthMethod`.
 */
export function insertAuthMethod(
  settings: MisClientSettings,
  personId: string,
  method:
    | { type: 'OTP'; phoneNumber: string; alias?: string }
    | { type: 'OFFLINE'; alias?: string }
    | { type: 'THIRD_PERSON'; value: string; alias: string },
): MisRequest {
  const authenticationMethod: Record<string, string> = { type: method.type };
  if ('phoneNumber' in method) authenticationMethod.phone_number = method.phoneNumber;
  if ('value' in method) authenticationMethod.value = method.value;
  if (method.alias !== undefined) authenticationMethod.alias = method.alias;
  return {
    method: 'POST',
    path: requests(personId),
    query: {},
    headers: misHeaders(settings),
    body: { action: 'INSERT', authentication_method: authenticationMethod },
  };
}

/** `Person::updateAuthMethod`: a new alias for a method. */
export function updateAuthMethod(
  settings: MisClientSettings,
  personId: string,
  methodId: string,
  alias: string,
): MisRequest {
  return {
    method: 'POST',
    path: requests(personId),
    query: {},
    headers: misHeaders(settings),
    body: { action: 'UPDATE', authentication_method: { id: methodId, alias } },
  };
}

/** `Person::deactivateAuthMethod` (a THIRD_PERSON method). */
export function deactivateAuthMethod(
  settings: MisClientSettings,
  personId: string,
  methodId: string,
): MisRequest {
  return {
    method: 'POST',
    path: requests(personId),
    query: {},
    headers: misHeaders(settings),
    body: { action: 'DEACTIVATE', authentication_method: { id: methodId } },
  };
}

/** `Person::approveAuthMethod`: `{ verification_code: <int> }`, or `{}` (documents, OFFLINE). */
export function approveAuthMethodRequest(
  settings: MisClientSettings,
  personId: string,
  requestId: string,
  verificationCode?: number,
): MisRequest {
  return {
    method: 'PATCH',
    path: `${requests(personId)}/${requestId}/actions/approve`,
    query: {},
    headers: misHeaders(settings),
    body: verificationCode === undefined ? {} : { verification_code: verificationCode },
  };
}

/** `Person::resendAuthOtp`: body `[]`. */
export function resendAuthMethodRequestOtp(
  settings: MisClientSettings,
  personId: string,
  requestId: string,
): MisRequest {
  return {
    method: 'POST',
    path: `${requests(personId)}/${requestId}/actions/resend_otp`,
    query: {},
    headers: misHeaders(settings),
    body: [],
  };
}

/** `Verification::validateFindByPhoneNumber`, rule by rule. */
export const FIND_PHONE_RULES: Rules = { phone_number: ['required', phoneNumber] };

/**
 * The answer to finding a verified phone: the validator, then the screen compares the answered
 * `phone_number` with the phone it asked for (`PersonUpdate::verifyOwnership`); another value
 * stalls the released screen and makes the newest start a new verification.
 */
export function checkFindVerifiedPhoneAnswer(body: unknown, askedFor: string): string[] {
  const { data, failures } = clientView(body);
  const problems = [...failures, ...validateLikeLaravel(data, FIND_PHONE_RULES, {})];
  const answered = (data as Record<string, unknown>).phone_number;
  if (problems.length === 0 && answered !== askedFor) {
    problems.push(`phone_number: ${String(answered)} is not the phone asked for (verifyOwnership)`);
  }
  return problems;
}

/**
 * Released `Person::validateCreateAuthMethod` (the `createAuthMethod` path of `PersonData`), rule
 * by rule, on `array_merge(data, urgent)`. The released `insertAuthMethod` has no validator at
 * all (and `PersonUpdate::createOfflineAuthMethod` still calls `validate()` on its answer, which
 * throws whatever the answer), `updateAuthMethod` uses `validateApproveAuthMethod`.
 */
export const RELEASED_CREATE_AUTH_METHOD_RULES: Rules = {
  id: ['required', 'uuid'],
  'documents.*.type': ['nullable', inDictionary('DOCUMENT_TYPE')],
  'documents.*.url': ['nullable', 'url'],
};

/** Newest `Person::validateCreateAuthMethod`, used by insert, update, deactivate and create. */
export const NEWEST_CREATE_AUTH_METHOD_RULES: Rules = {
  id: ['required', 'uuid'],
  channel: ['required', 'string', 'max:255'],
  status: ['required', 'string', 'max:255'],
  'documents.*.type': ['nullable', inDictionary('DOCUMENT_TYPE')],
  'documents.*.url': ['nullable', 'url'],
};

/**
 * The answer to creating an authentication method request: the validator above, and the screens
 * read `getData()['id']` (`PersonUpdate::changePhoneNumber`, `addAuthMethodFromRelation`,
 * `deactivateAuthMethod`, `PersonData::createAuthMethod`).
 */
export function checkCreateAuthMethodRequestAnswer(
  version: ClientVersion,
  body: unknown,
  dictionaries: Dictionaries = DEFAULT_DICTIONARIES,
): string[] {
  const view = clientView(body);
  const merged = { ...(view.data as object), ...(view.urgent as object) };
  const rules =
    version === 'released' ? RELEASED_CREATE_AUTH_METHOD_RULES : NEWEST_CREATE_AUTH_METHOD_RULES;
  return [
    ...view.failures,
    ...validateLikeLaravel(merged, rules, dictionaries),
    ...reads(view.data, 'id', 'PersonUpdate::changePhoneNumber'),
  ];
}

/** Released `Person::validateApproveAuthMethod`: `id` only. */
export const RELEASED_APPROVE_AUTH_METHOD_RULES: Rules = { id: ['required', 'uuid'] };

/** Newest `Person::validateApproveAuthMethod`: `channel`, `id`, `status`. */
export const NEWEST_APPROVE_AUTH_METHOD_RULES: Rules = {
  channel: ['required', 'string', 'max:255'],
  id: ['required', 'uuid'],
  status: ['required', 'string', 'max:255'],
};

/**
 * The answer to approve, as `approveCreatingOffline` and `approveChangingType` validate it (the
 * other approve screens ignore the body).
 */
export function checkApproveAuthMethodRequestAnswer(
  version: ClientVersion,
  body: unknown,
): string[] {
  const view = clientView(body);
  const rules =
    version === 'released' ? RELEASED_APPROVE_AUTH_METHOD_RULES : NEWEST_APPROVE_AUTH_METHOD_RULES;
  return [...view.failures, ...validateLikeLaravel(view.data, rules, {})];
}

/**
 * The answer to resend: the released `PersonData::resendSms` reads `getData()['status']` (and
 * reports success only on a lower-case `new`); `PersonUpdate::resendCode` and the newest read
 * nothing.
 */
export function checkResendAuthMethodRequestOtpAnswer(
  version: ClientVersion,
  body: unknown,
): string[] {
  const { data, failures } = clientView(body);
  return [
    ...failures,
    ...(version === 'released' ? reads(data, 'status', 'PersonData::resendSms') : []),
  ];
}
