import { Inject, Injectable } from '@nestjs/common';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import { Clock } from '../../kernel/application/clock.port.js';
import { ERRORS } from '../../kernel/domain/error-catalogue.js';
import { fail } from '../../kernel/domain/errors.js';
import {
  authMethodRequestCutoff,
  effectiveStatus,
  type AuthMethodRequest,
} from '../domain/auth-method-request.js';
import { AuthMethodRequestRepository } from './auth-method-request-repository.port.js';
import {
  AUTH_METHOD_REQUEST_SETTINGS,
  type AuthMethodRequestSettings,
} from './auth-method-request.settings.js';

/**
 * The one way use cases reach an authentication method request: it must be the person's and the
 * calling client's, or it does not exist for them (404, before anything else happens); a NEW
 * request past its TTL reads as EXPIRED whether or not the sweep stored that yet.
 */
@Injectable()
export class AuthMethodRequestAccess {
  constructor(
    private readonly requests: AuthMethodRequestRepository,
    private readonly registry: PersonRegistry,
    private readonly clock: Clock,
    @Inject(AUTH_METHOD_REQUEST_SETTINGS) private readonly settings: AuthMethodRequestSettings,
  ) {}

  /** When NEW requests created at or before it have expired. */
  cutoff(): Date {
    return authMethodRequestCutoff(this.clock.now(), this.settings.ttlHours);
  }

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
    if (request && request.personId === personId && request.clientId === clientId) {
      return { ...request, status: effectiveStatus(request, this.cutoff()) };
    }
    // A request's person always exists (foreign key): the person is looked up only to choose
    // the text of the 404, which keeps the hot path (approve) at one query before its lock.
    if (!(await this.registry.findById(personId))) throw fail(ERRORS.personNotFound);
    throw fail(ERRORS.authMethodRequestNotFound);
  }
}
