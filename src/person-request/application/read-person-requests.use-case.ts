import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../platform/config/app-config.js';
import { APP_CONFIG } from '../../platform/config/config.tokens.js';
import { Clock } from '../../shared/application/clock.js';
import { notFound } from '../../shared/domain/errors.js';
import {
  effectiveStatus,
  type DisplayStatus,
  type PersonRequest,
} from '../domain/person-request.js';
import { PersonRequestRepository, type PersonRequestPage } from './person-request.repository.js';

export const PERSON_REQUEST_NOT_FOUND = 'Person request not found';

/** Reads of person requests; an expired NEW request reads as EXPIRED (shown CANCELLED). */
@Injectable()
export class ReadPersonRequestsUseCase {
  constructor(
    private readonly requests: PersonRequestRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(id: string): Promise<PersonRequest> {
    const request = await this.requests.findById(id);
    if (!request) throw notFound(PERSON_REQUEST_NOT_FOUND);
    return this.withEffectiveStatus(request);
  }

  async list(
    clientId: string | null,
    status: DisplayStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<PersonRequestPage> {
    const result = await this.requests.list(clientId, status, this.expiredBefore(), page, pageSize);
    return { items: result.items.map((r) => this.withEffectiveStatus(r)), total: result.total };
  }

  withEffectiveStatus(request: PersonRequest): PersonRequest {
    return {
      ...request,
      status: effectiveStatus(request, this.clock.now(), this.config.personRequestTtlDays),
    };
  }

  /** NEW requests created at or before this instant have expired. */
  expiredBefore(): Date {
    return new Date(this.clock.now().getTime() - this.config.personRequestTtlDays * 86_400_000);
  }
}
