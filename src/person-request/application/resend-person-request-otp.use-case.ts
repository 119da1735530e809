import { Injectable } from '@nestjs/common';
import { fail } from '../../kernel/domain/errors.js';
import type { OtpVerification } from '../../otp/application/otp-verifier.port.js';
import { Confirmation } from '../../request-lifecycle/application/confirmation.js';
import { PERSON_REQUESTS } from '../domain/person-request.js';
import { PersonRequests } from './person-requests.js';
import { PERSON_REQUEST_ERRORS } from '../domain/person-request-errors.js';

/**
 * POST /api/person_requests/{id}/actions/resend_otp. Changes nothing about the request: only its
 * code is replaced by a new one. In this order: 404, not NEW, method not OTP, SMS budget.
 */
@Injectable()
export class ResendPersonRequestOtpUseCase {
  constructor(
    private readonly requests: PersonRequests,
    private readonly confirmation: Confirmation,
  ) {}

  async execute(id: string, clientId: string): Promise<OtpVerification> {
    const request = await this.requests.get(id, clientId);
    if (request.status !== 'NEW') throw fail(PERSON_REQUEST_ERRORS.personRequestNotNew);
    return this.confirmation.sendCode(PERSON_REQUESTS, request, clientId);
  }
}
