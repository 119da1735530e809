import { Injectable } from '@nestjs/common';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import { ERRORS } from '../../shared/domain/error-catalogue.js';
import { fail } from '../../shared/domain/errors.js';
import type { AuthMethodRequest } from '../domain/auth-method-request.js';
import { AuthMethodRequestRepository } from './auth-method-request-repository.port.js';

/**
 * The one way use cases reach an authentication method request: it must be the person's and the
 * calling client's, or it does not exist for them (404, before anything else happens).
 */
@Injectable()
export class AuthMethodRequestAccess {
  constructor(
    private readonly requests: AuthMethodRequestRepository,
    private readonly registry: PersonRegistry,
  ) {}

  async get(personId: string, requestId: string, clientId: string): Promise<AuthMethodRequest> {
    return this.owned(await this.requests.findById(requestId), personId, clientId);
  }

  /** Inside a unit of work: the row stays locked until it ends. */
  async lock(personId: string, requestId: string, clientId: string): Promise<AuthMethodRequest> {
    return this.owned(await this.requests.findByIdForUpdate(requestId), personId, clientId);
  }

  private async owned(
    request: AuthMethodRequest | null,
    personId: string,
    clientId: string,
  ): Promise<AuthMethodRequest> {
    if (request && request.personId === personId && request.clientId === clientId) return request;
    // A request's person always exists (foreign key): the person is looked up only to choose
    // the text of the 404, which keeps the hot path (approve) at one query before its lock.
    if (!(await this.registry.findById(personId))) throw fail(ERRORS.personNotFound);
    throw fail(ERRORS.authMethodRequestNotFound);
  }
}
