import { Injectable } from '@nestjs/common';
import type { DisplayStatus, PersonRequest } from '../domain/person-request.js';
import { effectiveStatus } from '../domain/person-request.js';
import { PersonRequestAccess } from './person-request-access.js';
import {
  PersonRequestRepository,
  type PersonRequestPage,
} from './person-request-repository.port.js';

/** Reads of the caller's person requests; an expired NEW request reads as EXPIRED. */
@Injectable()
export class ReadPersonRequestsUseCase {
  constructor(
    private readonly requests: PersonRequestRepository,
    private readonly access: PersonRequestAccess,
  ) {}

  get(id: string, clientId: string): Promise<PersonRequest> {
    return this.access.get(id, clientId);
  }

  async list(
    clientId: string,
    status: DisplayStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<PersonRequestPage> {
    const cutoff = this.access.cutoff();
    const result = await this.requests.list(clientId, status, cutoff, page, pageSize);
    return {
      items: result.items.map((r) => ({ ...r, status: effectiveStatus(r, cutoff) })),
      total: result.total,
    };
  }
}
