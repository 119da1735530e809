import { Injectable } from '@nestjs/common';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import { fail } from '../../kernel/domain/errors.js';
import type { OtpVerification } from '../../otp/application/otp-verifier.port.js';
import { Confirmation } from '../../request-lifecycle/application/confirmation.js';
import { AUTH_METHOD_REQUESTS } from '../domain/auth-method-request.js';
import { AuthMethodRequests } from './auth-method-requests.js';
import { AUTH_METHOD_REQUEST_ERRORS } from '../domain/auth-method-request-errors.js';
import { PERSON_ERRORS } from '../../person/domain/person-errors.js';

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
    if (request.status !== 'NEW') throw fail(AUTH_METHOD_REQUEST_ERRORS.authMethodRequestNotNew);
    const person = await this.registry.findById(personId);
    if (person?.status !== 'active') throw fail(PERSON_ERRORS.personInactive);
    return this.confirmation.sendCode(AUTH_METHOD_REQUESTS, request, clientId);
  }
}
