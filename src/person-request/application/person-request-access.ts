import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../kernel/application/clock.port.js';
import { ERRORS } from '../../kernel/domain/error-catalogue.js';
import { fail } from '../../kernel/domain/errors.js';
import {
  effectiveStatus,
  personRequestCutoff,
  type PersonRequest,
} from '../domain/person-request.js';
import { PersonRequestRepository } from './person-request-repository.port.js';
import { PERSON_REQUEST_SETTINGS, type PersonRequestSettings } from './person-request.settings.js';

/**
 * The one way use cases reach a person request: it belongs to the calling client or it does not
 * exist for them (the same 404 as an unknown id, before anything else happens), and an expired
 * NEW request reads as EXPIRED whether or not the sweep stored that yet.
 */
@Injectable()
export class PersonRequestAccess {
  constructor(
    private readonly requests: PersonRequestRepository,
    private readonly clock: Clock,
    @Inject(PERSON_REQUEST_SETTINGS) private readonly settings: PersonRequestSettings,
  ) {}

  /** When NEW requests created at or before it have expired. */
  cutoff(): Date {
    return personRequestCutoff(this.clock.now(), this.settings.ttlDays);
  }

  async get(id: string, clientId: string): Promise<PersonRequest> {
    return this.owned(await this.requests.findById(id), clientId);
  }

  /** Inside a unit of work: the row stays locked until it ends. */
  async lock(id: string, clientId: string): Promise<PersonRequest> {
    return this.owned(await this.requests.findByIdForUpdate(id), clientId);
  }

  private owned(request: PersonRequest | null, clientId: string): PersonRequest {
    if (!request || request.clientId !== clientId) throw fail(ERRORS.personRequestNotFound);
    return { ...request, status: effectiveStatus(request, this.cutoff()) };
  }
}
