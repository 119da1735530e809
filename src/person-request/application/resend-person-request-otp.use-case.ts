import { Injectable } from '@nestjs/common';
import { MethodVerification } from '../../shared/application/method-verification.js';
import { conflict } from '../../shared/domain/errors.js';
import { resendRejection } from '../domain/person-request.js';
import { ReadPersonRequestsUseCase } from './read-person-requests.use-case.js';

export interface OtpResendResult {
  readonly id: string;
  readonly status: string;
  readonly code_expired_at: string;
  readonly active: boolean;
}

/**
 * POST /api/person_requests/{id}/actions/resend_otp (seed 000). Changes nothing about the
 * request: only the OTP service's verification is replaced by a new one.
 */
@Injectable()
export class ResendPersonRequestOtpUseCase {
  constructor(
    private readonly reads: ReadPersonRequestsUseCase,
    private readonly verification: MethodVerification,
  ) {}

  async execute(id: string): Promise<OtpResendResult> {
    const request = await this.reads.get(id);
    const rejection = resendRejection(request.status, request.authenticationMethodCurrent);
    if (rejection) throw conflict(rejection);
    return this.verification.sendCode(request.authenticationMethodCurrent);
  }
}
