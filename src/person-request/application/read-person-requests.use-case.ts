import { Injectable } from '@nestjs/common';
import type { DisplayStatus, PersonRequest } from '../domain/person-request.js';
import {
  PersonRequestRepository,
  type ListedVersions,
  type PersonRequestPage,
} from './person-request-repository.port.js';
import type { PersonRequestVersion } from '../domain/v3-person.js';
import { PersonRequests } from './person-requests.js';

/** Reads of the caller's person requests; an expired NEW request reads as EXPIRED. */
@Injectable()
export class ReadPersonRequestsUseCase {
  constructor(
    private readonly requests: PersonRequests,
    private readonly repository: PersonRequestRepository,
  ) {}

  /** The caller's request of `version` (v3 when not given); 404 for another version's. */
  get(id: string, clientId: string, version: PersonRequestVersion = 3): Promise<PersonRequest> {
    return this.requests.get(id, clientId, PersonRequests.inVersion(version));
  }

  /** A page of the caller's requests: v3 ones (the v3 list), or of every version. */
  async list(
    clientId: string,
    status: DisplayStatus | undefined,
    page: number,
    pageSize: number,
    versions: ListedVersions = 3,
  ): Promise<PersonRequestPage> {
    const result = await this.repository.list(
      clientId,
      status,
      this.requests.cutoff(),
      page,
      pageSize,
      versions,
    );
    return { items: result.items.map((r) => this.requests.asOf(r)), total: result.total };
  }
}
