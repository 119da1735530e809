/**
 * Every operation of the registry's person area, by `METHOD /path` exactly as the registry names
 * it: the answers it documents, by HTTP status, and the request body it describes.
 */
import {
  confidantCreateBody,
  confidantCreateData,
  confidantDeactivateBody,
  confidantDeactivateData,
  confidantRequestData,
  confidantRequestItem,
  confidantUrgent,
  relationshipItem,
} from './confidant-schemas.js';
import {
  amrUrgent,
  approveBody,
  createBody,
  listItemAnyVersion,
  listItemV3,
  readData,
  requestData,
  requestUrgent,
  signBody,
  signData,
  type PersonVersion,
} from './person-request-schemas.js';
import {
  authMethodItem,
  otpVerification,
  personVerification,
  searchItemV1,
  searchItemV2,
  verifiedPhone,
} from './person-schemas.js';
import {
  answer,
  arr,
  obj,
  oneOfStrings,
  registryError,
  registryError422,
  str,
  type Schema,
} from './schema-parts.js';

export interface RegistryOperation {
  /** The answers the registry documents for this operation, by HTTP status. */
  readonly answers: Readonly<Record<number, Schema>>;
  /** The request body the registry describes, when it describes one. */
  readonly request?: Schema;
}

const resend: RegistryOperation = { answers: { 200: answer(otpVerification) } };

const prCreate = (version: PersonVersion): RegistryOperation => ({
  request: createBody(version),
  answers: {
    201: answer(requestData(version, 'create'), { urgent: requestUrgent, urgentRequired: true }),
    422: registryError422,
  },
});
const prRead = (version: PersonVersion): RegistryOperation => ({
  answers: { 200: answer(readData(version), { urgent: requestUrgent, urgentRequired: true }) },
});
const prApprove = (version: PersonVersion): RegistryOperation => ({
  request: approveBody,
  answers: { 201: answer(requestData(version, 'approve')), 422: registryError422 },
});
/**
 * The registry's schema key says 201 and its example 200; the project keeps
 * reject at 200, as the example answers (see README.md, "Two further decisions").
 */
const prReject = (version: PersonVersion): RegistryOperation => ({
  answers: { 200: answer(requestData(version, 'reject')) },
});
const prSign: RegistryOperation = { request: signBody, answers: { 200: answer(signData) } };

/**
 * The registry's create body for an authentication method request, read as its branch titles
 * intend ("Action: DEACTIVATE/INSERT/UPDATE"; "Authentication Method: by id / new (type +
 * details) / by id + alias"). Taken literally its `oneOf`s accept nothing: the three action
 * branches are identical, so every body matches all three, and "by id" matches wherever "by id +
 * alias" does. Here each is an `anyOf`.
 */
const amrCreateBody: Schema = {
  allOf: [
    obj({ action: str }, ['action']),
    {
      anyOf: [
        obj({ authentication_method: obj({ id: str }, ['id']) }, ['authentication_method']),
        obj(
          {
            authentication_method: obj(
              {
                type: oneOfStrings('THIRD_PERSON', 'OTP', 'OFFLINE'),
                phone_number: str,
                value: str,
                alias: str,
              },
              ['type'],
            ),
          },
          ['authentication_method'],
        ),
        obj({ authentication_method: obj({ id: str, alias: str }, ['id']) }, [
          'authentication_method',
        ]),
      ],
    },
  ],
};

export const REGISTRY_OPERATIONS = {
  'POST /api/v2/person_requests': prCreate(2),
  'GET /api/v2/person_requests/{id}': prRead(2),
  'PATCH /api/v2/person_requests/{id}/actions/approve': prApprove(2),
  'PATCH /api/v2/person_requests/{id}/actions/reject': prReject(2),
  'PATCH /api/v2/person_requests/{id}/actions/sign': prSign,
  'POST /api/v3/person_requests': prCreate(3),
  'GET /api/v3/person_requests/{id}': prRead(3),
  'PATCH /api/v3/person_requests/{id}/actions/approve': prApprove(3),
  'PATCH /api/v3/person_requests/{id}/actions/reject': prReject(3),
  'PATCH /api/v3/person_requests/{id}/actions/sign': prSign,
  'GET /api/person_requests': {
    answers: { 200: answer(arr(listItemAnyVersion), { paging: true }) },
  },
  'GET /api/v3/person_requests': {
    answers: { 200: answer(arr(listItemV3), { paging: true }) },
  },
  'POST /api/person_requests/{id}/actions/resend_otp': resend,

  'GET /api/persons': {
    answers: { 200: answer(arr(searchItemV1)), 403: registryError },
  },
  'GET /api/v2/persons': {
    answers: { 200: answer(arr(searchItemV2)), 403: registryError },
  },
  'GET /api/persons/{id}/authentication_methods': {
    answers: { 200: answer(arr(authMethodItem)), 403: registryError },
  },
  'GET /api/persons/{id}/verification': { answers: { 200: answer(personVerification) } },

  'POST /api/persons/{id}/authentication_method_requests': {
    request: amrCreateBody,
    answers: {
      201: answer(
        obj({ id: str, status: str, channel: oneOfStrings('MIS') }, ['id', 'status', 'channel']),
        {
          urgent: amrUrgent,
          urgentRequired: true,
        },
      ),
      422: registryError422,
    },
  },
  'PATCH /api/persons/{id}/authentication_method_requests/{request_id}/actions/approve': {
    request: approveBody,
    answers: {
      201: answer(
        obj({ id: str, status: oneOfStrings('COMPLETED'), channel: oneOfStrings('MIS') }, [
          'id',
          'channel',
        ]),
      ),
      422: registryError422,
    },
  },
  'POST /api/persons/{id}/authentication_method_requests/{request_id}/actions/resend_otp': resend,

  'POST /api/verifications': {
    request: obj({ phone_number: str }, ['phone_number']),
    answers: { 200: answer(otpVerification) },
  },
  'PATCH /api/verifications/{phone_number}/actions/complete': {
    request: obj({ code: { type: 'number' } }),
    answers: { 200: answer(otpVerification) },
  },
  'GET /api/verifications/{phone_number}': { answers: { 200: answer(verifiedPhone) } },

  'POST /api/persons/{id}/confidant_person_relationship_requests': {
    request: confidantCreateBody,
    answers: {
      201: answer(confidantCreateData, { urgent: confidantUrgent, urgentRequired: true }),
      422: registryError422,
    },
  },
  'POST /api/persons/{id}/confidant_person_relationship_requests/deactivate': {
    request: confidantDeactivateBody,
    answers: {
      201: answer(confidantDeactivateData, { urgent: confidantUrgent, urgentRequired: true }),
      422: registryError422,
    },
  },
  'GET /api/persons/{id}/confidant_person_relationship_requests': {
    answers: { 200: answer(arr(confidantRequestItem), { paging: true }) },
  },
  'GET /api/persons/{id}/confidant_person_relationship_requests/{confidant_person_relationship_request_id}':
    { answers: { 200: answer(confidantRequestData) } },
  'PATCH /api/persons/{id}/confidant_person_relationship_requests/{confidant_person_relationship_request_id}/actions/approve':
    {
      request: approveBody,
      answers: { 200: answer(confidantRequestData), 422: registryError422 },
    },
  'PATCH /api/persons/{id}/confidant_person_relationship_requests/{confidant_person_relationship_request_id}/actions/sign':
    {
      request: signBody,
      answers: { 200: answer(confidantRequestData) },
    },
  'GET /api/persons/{id}/confidant_person_relationships': {
    answers: { 200: answer(arr(relationshipItem), { paging: true }), 403: registryError },
  },
} as const satisfies Record<string, RegistryOperation>;

/** `METHOD /path` of an operation the registry documents. */
export type RegistryOperationKey = keyof typeof REGISTRY_OPERATIONS;
