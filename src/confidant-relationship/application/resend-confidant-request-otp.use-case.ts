import { Injectable } from '@nestjs/common';
import { fail } from '../../kernel/domain/errors.js';
import type { OtpVerification } from '../../otp/application/otp-verifier.port.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import { PERSON_ERRORS } from '../../person/domain/person-errors.js';
import { Confirmation } from '../../request-lifecycle/application/confirmation.js';
import { CONFIDANT_ERRORS } from '../domain/confidant-errors.js';
import { CONFIDANT_REQUESTS } from '../domain/confidant-request.js';
import { ConfidantRequests } from './confidant-requests.js';

/**
 * POST …/{request_id}/actions/resend_otp: a new code, nothing else. As for authentication method
 * requests, in this order: 404, not NEW (EXPIRED included), person not active, method not OTP,
 * SMS budget.
 */
@Injectable()
export class ResendConfidantRequestOtpUseCase {
  constructor(
    private readonly requests: ConfidantRequests,
    private readonly registry: PersonRegistry,
    private readonly confirmation: Confirmation,
  ) {}

  async execute(personId: string, requestId: string, clientId: string): Promise<OtpVerification> {
    const request = await this.requests.get(requestId, clientId, this.requests.of(personId));
    if (request.status !== 'NEW') throw fail(CONFIDANT_ERRORS.confidantRequestNotNew);
    const person = await this.registry.findById(request.personId);
    if (person?.status !== 'active') throw fail(PERSON_ERRORS.personInactive);
    return this.confirmation.sendCode(CONFIDANT_REQUESTS, request, clientId);
  }
}
