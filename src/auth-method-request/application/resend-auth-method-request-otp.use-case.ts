import { Injectable } from '@nestjs/common';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import { ERRORS } from '../../kernel/domain/error-catalogue.js';
import { fail } from '../../kernel/domain/errors.js';
import type { OtpVerification } from '../../otp/application/otp-verifier.port.js';
import { Confirmation } from '../../request-lifecycle/application/confirmation.js';
import { AUTH_METHOD_REQUESTS } from '../domain/auth-method-request.js';
import { AuthMethodRequests } from './auth-method-requests.js';

/**
 * POST …/authentication_method_requests/{id}/actions/resend_otp: a new code, nothing else. In
 * this order: 404, not NEW (EXPIRED included), person not active, method not OTP, SMS budget.
 */
@Injectable()
export class ResendAuthMethodRequestOtpUseCase {
  constructor(
    private readonly requests: AuthMethodRequests,
    private readonly registry: PersonRegistry,
    private readonly confirmation: Confirmation,
  ) {}

  async execute(personId: string, requestId: string, clientId: string): Promise<OtpVerification> {
    const request = await this.requests.get(requestId, clientId, this.requests.of(personId));
    if (request.status !== 'NEW') throw fail(ERRORS.authMethodRequestNotNew);
    const person = await this.registry.findById(personId);
    if (person?.status !== 'active') throw fail(ERRORS.personInactive);
    return this.confirmation.sendCode(AUTH_METHOD_REQUESTS, request, clientId);
  }
}
