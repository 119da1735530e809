import { Injectable } from '@nestjs/common';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import { ERRORS } from '../../kernel/domain/error-catalogue.js';
import { fail } from '../../kernel/domain/errors.js';
import {
  MethodVerification,
  type SentCode,
} from '../../verification/application/method-verification.service.js';
import { AuthMethodRequestAccess } from './auth-method-request-access.js';
import { authMethodRequestCode } from './code-purpose.js';

/**
 * POST …/authentication_method_requests/{id}/actions/resend_otp: a new code, nothing else. In
 * this order: 404, not NEW (EXPIRED included), person not active, method not OTP, SMS budget.
 */
@Injectable()
export class ResendAuthMethodRequestOtpUseCase {
  constructor(
    private readonly access: AuthMethodRequestAccess,
    private readonly registry: PersonRegistry,
    private readonly verification: MethodVerification,
  ) {}

  async execute(personId: string, requestId: string, clientId: string): Promise<SentCode> {
    const request = await this.access.get(personId, requestId, clientId);
    if (request.status !== 'NEW') throw fail(ERRORS.authMethodRequestNotNew);
    const person = await this.registry.findById(personId);
    if (person?.status !== 'active') throw fail(ERRORS.personInactive);
    if (request.authenticationMethodCurrent.verifiedBy !== 'OTP') {
      throw fail(ERRORS.authMethodNotOtp);
    }
    return this.verification.sendCode(
      request.authenticationMethodCurrent,
      authMethodRequestCode(request.id, clientId),
    );
  }
}
