import { Injectable } from '@nestjs/common';
import type { DisplayStatus, PersonRequest } from '../domain/person-request.js';
import {
  PersonRequestRepository,
  type PersonRequestPage,
} from './person-request-repository.port.js';
import { PersonRequests } from './person-requests.js';

/** Reads of the caller's person requests; an expired NEW request reads as EXPIRED. */
@Injectable()
export class ReadPersonRequestsUseCase {
  constructor(
    private readonly requests: PersonRequests,
    private readonly repository: PersonRequestRepository,
  ) {}

  get(id: string, clientId: string): Promise<PersonRequest> {
    return this.requests.get(id, clientId);
  }

  async list(
    clientId: string,
    status: DisplayStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<PersonRequestPage> {
    const result = await this.repository.list(
      clientId,
      status,
      this.requests.cutoff(),
      page,
      pageSize,
    );
    return { items: result.items.map((r) => this.requests.asOf(r)), total: result.total };
  }
}
