import { Injectable } from '@nestjs/common';
import { fail } from '../../kernel/domain/errors.js';
import {
  MethodVerification,
  type SentCode,
} from '../../verification/application/method-verification.service.js';
import { resendRejection } from '../domain/person-request.js';
import { personRequestCode } from './code-purpose.js';
import { PersonRequestAccess } from './person-request-access.js';

/**
 * POST /api/person_requests/{id}/actions/resend_otp. Changes nothing about the request: only the
 * request's code is replaced by a new one.
 */
@Injectable()
export class ResendPersonRequestOtpUseCase {
  constructor(
    private readonly access: PersonRequestAccess,
    private readonly verification: MethodVerification,
  ) {}

  async execute(id: string, clientId: string): Promise<SentCode> {
    const request = await this.access.get(id, clientId);
    const rejection = resendRejection(request.status, request.authenticationMethodCurrent);
    if (rejection) throw fail(rejection);
    return this.verification.sendCode(
      request.authenticationMethodCurrent,
      personRequestCode(request.id, clientId),
    );
  }
}
