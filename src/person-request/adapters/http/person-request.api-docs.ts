import { applyDecorators, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { Audited } from '../../../platform/audit/audited.decorator.js';
import { CountsAsSignAttempt, Scopes } from '../../../platform/auth/scopes.decorator.js';
import { OTP_ERRORS } from '../../../otp/domain/otp-errors.js';
import { ApiErrors, ApiSuccess } from '../../../platform/docs/api-errors.decorator.js';
import { LIFECYCLE_ERRORS } from '../../../request-lifecycle/domain/lifecycle-errors.js';
import { PERSON_REQUEST_ERRORS } from '../../domain/person-request-errors.js';
import type { PersonRequestVersion } from '../../domain/v3-person.validation.js';
import { SignBodyDto } from './person-request.dto.js';
import { PERSON_REQUEST_URGENT, SIGNED_PERSON_ID } from './person-request.examples.js';
import {
  ApproveDocs,
  SignDocs,
} from '../../../request-lifecycle/adapters/http/lifecycle-routes.js';

/** The body and refusals of a person request's approve, the same on v2 and v3. */
function ApprovePersonRequestDocs(): MethodDecorator {
  return ApproveDocs(
    PERSON_REQUEST_ERRORS.personRequestNotFound,
    ['PASSPORT', 'NATIONAL_ID'],
    422,
    OTP_ERRORS.invalidCode,
  );
}

/** The header, body and refusals of a person request's sign, the same on v2 and v3. */
function SignPersonRequestDocs(): MethodDecorator {
  return SignDocs({
    notFound: PERSON_REQUEST_ERRORS.personRequestNotFound,
    headerDescription: 'Tax id (DRFO) of the employee who signs; must be the signer certificate’s',
    body: { type: SignBodyDto },
    generic422: true,
  });
}

/** The refusals of a person request's reject, the same on v2 and v3. */
function RejectPersonRequestDocs(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiErrors(
      401,
      403,
      PERSON_REQUEST_ERRORS.personRequestNotFound,
      LIFECYCLE_ERRORS.invalidTransition,
    ),
  );
}

/** What a version's routes document: its number, its request as answered, and as sent. */
export interface VersionDocs {
  readonly version: PersonRequestVersion;
  /** The version's example request (as create answers it). */
  readonly example: Record<string, unknown> & {
    id: string;
    inserted_at: string;
    updated_at: string;
  };
  /** The version's example body of a create. */
  readonly body: Record<string, unknown>;
}

/** `POST v{2,3}/person_requests`: 201, the request NEW (a code sent for OTP). */
export function CreatePersonRequestRoute(v: VersionDocs, description: string): MethodDecorator {
  return applyDecorators(
    Post(`v${v.version}/person_requests`),
    Audited({ action: 'create', resource: 'person_request', answerId: true }),
    HttpCode(201),
    Scopes('person_request:write'),
    ApiSuccess(201, 'The request, NEW', v.example, { urgent: PERSON_REQUEST_URGENT }),
    ApiOperation({ summary: `Create a person request (v${v.version})`, description }),
    ApiBody({ schema: { type: 'object', example: v.body } }),
    ApiErrors(400, 401, 403, 413, 422, 429, 503),
  );
}

/** `GET v{2,3}/person_requests/:id`: the caller's request of that version. */
export function ReadPersonRequestRoute(v: VersionDocs, description?: string): MethodDecorator {
  const summary = `Read a person request (v${v.version})`;
  return applyDecorators(
    Get(`v${v.version}/person_requests/:id`),
    Audited({ action: 'read', resource: 'person_request', param: 'id' }),
    Scopes('person_request:read'),
    ApiSuccess(200, 'The request', v.example, { urgent: PERSON_REQUEST_URGENT }),
    ApiOperation(description === undefined ? { summary } : { summary, description }),
    ApiErrors(401, 403, PERSON_REQUEST_ERRORS.personRequestNotFound),
  );
}

const actionPath = (v: VersionDocs, action: string): string =>
  `v${v.version}/person_requests/:id/actions/${action}`;

/** `PATCH v{2,3}/person_requests/:id/actions/approve`: 201, APPROVED with its printout. */
export function ApprovePersonRequestRoute(v: VersionDocs, description: string): MethodDecorator {
  return applyDecorators(
    Patch(actionPath(v, 'approve')),
    HttpCode(201),
    Audited({ action: 'approve', resource: 'person_request', param: 'id' }),
    Scopes('person_request:write'),
    ApiSuccess(
      201,
      'The request, APPROVED, with the printout the patient reads and signs in `content`',
      { ...v.example, status: 'APPROVED', content: '<!DOCTYPE html>…' },
      { urgent: PERSON_REQUEST_URGENT },
    ),
    ApiOperation({ summary: `Approve a person request (v${v.version})`, description }),
    ApprovePersonRequestDocs(),
  );
}

/** `PATCH v{2,3}/person_requests/:id/actions/sign`: 200, SIGNED with the person written. */
export function SignPersonRequestRoute(v: VersionDocs, description: string): MethodDecorator {
  return applyDecorators(
    Patch(actionPath(v, 'sign')),
    Audited({ action: 'sign', resource: 'person_request', param: 'id' }),
    Scopes('person_request:write'),
    CountsAsSignAttempt(),
    ApiSuccess(200, 'The request, SIGNED, with the id of the person written', {
      id: v.example.id,
      status: 'SIGNED',
      person_id: SIGNED_PERSON_ID,
      inserted_at: v.example.inserted_at,
      updated_at: v.example.updated_at,
    }),
    ApiOperation({ summary: `Sign a person request (v${v.version})`, description }),
    SignPersonRequestDocs(),
  );
}

/** `PATCH v{2,3}/person_requests/:id/actions/reject`: 200, REJECTED. */
export function RejectPersonRequestRoute(v: VersionDocs): MethodDecorator {
  return applyDecorators(
    Patch(actionPath(v, 'reject')),
    Audited({ action: 'reject', resource: 'person_request', param: 'id' }),
    Scopes('person_request:write'),
    ApiSuccess(
      200,
      'The request, REJECTED',
      { ...v.example, status: 'REJECTED' },
      { urgent: PERSON_REQUEST_URGENT },
    ),
    ApiOperation({ summary: `Reject a person request (v${v.version})` }),
    RejectPersonRequestDocs(),
  );
}
