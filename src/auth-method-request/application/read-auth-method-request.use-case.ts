import { Injectable } from '@nestjs/common';
import { MethodVerification } from '../../shared/application/method-verification.js';
import { conflict, notFound } from '../../shared/domain/errors.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import type { AuthMethodRequest } from '../domain/auth-method-request.js';
import { AuthMethodRequestRepository } from './auth-method-request.repository.js';
import { PERSON_NOT_FOUND } from './create-auth-method-request.use-case.js';

export const REQUEST_NOT_FOUND = 'Authentication method request not found';

/** GET one request and resend its OTP (api.md §5). */
@Injectable()
export class ReadAuthMethodRequestUseCase {
  constructor(
    private readonly requests: AuthMethodRequestRepository,
    private readonly registry: PersonRegistry,
    private readonly verification: MethodVerification,
  ) {}

  /** 404 when the person or request is unknown, or the request belongs to another person. */
  async get(personId: string, requestId: string): Promise<AuthMethodRequest> {
    const request = await this.requests.findById(requestId);
    // A request's person always exists (foreign key): the person is looked up only to choose
    // the text of a 404, which keeps the hot path (approve) at one query before its transaction.
    if (request && request.personId === personId) return request;
    if (!(await this.registry.findById(personId))) throw notFound(PERSON_NOT_FOUND);
    throw notFound(REQUEST_NOT_FOUND);
  }

  async resendOtp(
    personId: string,
    requestId: string,
  ): Promise<Awaited<ReturnType<MethodVerification['sendCode']>>> {
    const request = await this.get(personId, requestId);
    if (request.status !== 'NEW')
      throw conflict('Authentication method request must be in status NEW');
    if (request.authenticationMethodCurrent.verifiedBy !== 'OTP')
      throw conflict('Auth method is not OTP');
    return this.verification.sendCode(request.authenticationMethodCurrent);
  }
}
