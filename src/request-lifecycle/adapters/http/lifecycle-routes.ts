import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation } from '@nestjs/swagger';
import type { ErrorSpec } from '../../../kernel/domain/errors.js';
import { Audited, type AuditedRoute } from '../../../platform/audit/audited.decorator.js';
import { Scopes } from '../../../platform/auth/scopes.decorator.js';
import {
  ApiErrors,
  ApiSuccess,
  type ErrorExample,
} from '../../../platform/docs/api-errors.decorator.js';
import { PLATFORM_ERRORS } from '../../../platform/errors.js';
import { LIFECYCLE_ERRORS, missingDocuments } from '../../domain/lifecycle-errors.js';
import {
  CONTENT_MISMATCH,
  DRFO_MISMATCH,
  NOT_SIGNED_CONTENT,
  PATIENT_MUST_SIGN,
} from '../../domain/signed-content.js';
import { ApproveBodyDto } from './approve-body.js';
import { OTP_VERIFICATION_EXAMPLE } from './sent-code.example.js';

/** An error a route documents: a status, an entry of the catalogue, or an example. */
type Documented = number | ErrorExample | ErrorSpec;

/**
 * The route declarations every request kind shares on its road (resend, approve, sign): each
 * kind names its path, audit resource, scope, texts and its own refusals; the rest (status, the
 * answer of a resend, the body of an approve, the refusals of a signature) is the lifecycle's.
 */
export interface ResendOtpRoute {
  /** The route's path under its controller. */
  readonly path: string;
  readonly audit: Omit<AuditedRoute, 'action'>;
  /** The write scope of the request kind. */
  readonly scope: string;
  readonly summary: string;
  readonly description?: string;
  /** Its refusals between 403 and 503: the request's 404, not NEW, not OTP, too soon. */
  readonly refusals: readonly Documented[];
}

/** `POST …/resend_otp`: 200 with the new verification, a fresh code to the current phone. */
export function ResendOtpRoute(route: ResendOtpRoute): MethodDecorator {
  return applyDecorators(
    Post(route.path),
    Audited({ action: 'resend', ...route.audit }),
    HttpCode(200),
    Scopes(route.scope),
    ApiSuccess(200, 'The new verification', OTP_VERIFICATION_EXAMPLE),
    ApiOperation(
      route.description === undefined
        ? { summary: route.summary }
        : { summary: route.summary, description: route.description },
    ),
    ApiErrors(401, 403, ...route.refusals, 503),
  );
}

/**
 * The body and refusals of an approve: the request's 404, a request no longer NEW, the scans
 * not uploaded (`documents` of the example), then the kind's own (invalid body, the code's).
 */
export function ApproveDocs(
  notFound: ErrorSpec,
  documents: readonly string[],
  ...own: Documented[]
): MethodDecorator {
  return applyDecorators(
    ApiBody({ type: ApproveBodyDto, required: false }),
    ApiErrors(
      401,
      403,
      notFound,
      LIFECYCLE_ERRORS.invalidTransition,
      missingDocuments([...documents]),
      ...own,
      503,
    ),
  );
}

/**
 * The header and refusals of a sign, checked alike for every request kind: an expired signer
 * certificate, the request's 404, a request not APPROVED, the signed content's 422s, the sign
 * limit. `body` documents the kind's body; `generic422` adds the generic invalid-body example.
 */
export function SignDocs(options: {
  readonly notFound: ErrorSpec;
  readonly headerDescription: string;
  readonly body: Parameters<typeof ApiBody>[0];
  readonly generic422?: boolean;
}): MethodDecorator {
  return applyDecorators(
    ApiHeader({ name: 'msp_drfo', required: false, description: options.headerDescription }),
    ApiBody(options.body),
    ApiErrors(
      { status: 400, type: 'bad_request', message: 'Signer certificate is expired' },
      401,
      403,
      options.notFound,
      LIFECYCLE_ERRORS.invalidTransition,
      ...(options.generic422 ? [422] : []),
      { status: 422, message: NOT_SIGNED_CONTENT },
      { status: 422, message: PATIENT_MUST_SIGN },
      { status: 422, message: CONTENT_MISMATCH },
      { status: 422, message: DRFO_MISMATCH },
      PLATFORM_ERRORS.signLimit,
      503,
    ),
  );
}
