import { Injectable } from '@nestjs/common';
import { ERRORS } from '../../shared/domain/error-catalogue.js';
import { fail } from '../../shared/domain/errors.js';
import {
  MethodVerification,
  type SentCode,
} from '../../verification/application/method-verification.service.js';
import { AuthMethodRequestAccess } from './auth-method-request-access.js';

/** POST …/authentication_method_requests/{id}/actions/resend_otp: a new code, nothing else. */
@Injectable()
export class ResendAuthMethodRequestOtpUseCase {
  constructor(
    private readonly access: AuthMethodRequestAccess,
    private readonly verification: MethodVerification,
  ) {}

  async execute(personId: string, requestId: string, clientId: string): Promise<SentCode> {
    const request = await this.access.get(personId, requestId, clientId);
    if (request.status !== 'NEW') throw fail(ERRORS.authMethodRequestNotNew);
    if (request.authenticationMethodCurrent.verifiedBy !== 'OTP') {
      throw fail(ERRORS.authMethodNotOtp);
    }
    return this.verification.sendCode(request.authenticationMethodCurrent, clientId);
  }
}
