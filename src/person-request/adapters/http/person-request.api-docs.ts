import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiHeader } from '@nestjs/swagger';
import { OTP_ERRORS } from '../../../otp/domain/otp-errors.js';
import { ApiErrors } from '../../../platform/docs/api-errors.decorator.js';
import { PLATFORM_ERRORS } from '../../../platform/errors.js';
import { ApproveBodyDto } from '../../../request-lifecycle/adapters/http/approve-body.js';
import {
  LIFECYCLE_ERRORS,
  missingDocuments,
} from '../../../request-lifecycle/domain/lifecycle-errors.js';
import {
  CONTENT_MISMATCH,
  DRFO_MISMATCH,
  NOT_SIGNED_CONTENT,
  PATIENT_MUST_SIGN,
} from '../../../request-lifecycle/domain/signed-content.js';
import { PERSON_REQUEST_ERRORS } from '../../domain/person-request-errors.js';
import { SignBodyDto } from './person-request.dto.js';

/** The body and refusals of a person request's approve, the same on v2 and v3. */
export function ApprovePersonRequestDocs(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBody({ type: ApproveBodyDto, required: false }),
    ApiErrors(
      401,
      403,
      PERSON_REQUEST_ERRORS.personRequestNotFound,
      LIFECYCLE_ERRORS.invalidTransition,
      missingDocuments(['PASSPORT', 'NATIONAL_ID']),
      422,
      OTP_ERRORS.invalidCode,
      503,
    ),
  );
}

/** The header, body and refusals of a person request's sign, the same on v2 and v3. */
export function SignPersonRequestDocs(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'msp_drfo',
      required: false,
      description: 'Tax id (DRFO) of the employee who signs; must be the signer certificate’s',
    }),
    ApiBody({ type: SignBodyDto }),
    ApiErrors(
      { status: 400, type: 'bad_request', message: 'Signer certificate is expired' },
      401,
      403,
      PERSON_REQUEST_ERRORS.personRequestNotFound,
      LIFECYCLE_ERRORS.invalidTransition,
      422,
      { status: 422, message: NOT_SIGNED_CONTENT },
      { status: 422, message: PATIENT_MUST_SIGN },
      { status: 422, message: CONTENT_MISMATCH },
      { status: 422, message: DRFO_MISMATCH },
      PLATFORM_ERRORS.signLimit,
      503,
    ),
  );
}

/** The refusals of a person request's reject, the same on v2 and v3. */
export function RejectPersonRequestDocs(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiErrors(
      401,
      403,
      PERSON_REQUEST_ERRORS.personRequestNotFound,
      LIFECYCLE_ERRORS.invalidTransition,
    ),
  );
}
