import { Injectable } from '@nestjs/common';
import type { Acting } from '../../kernel/application/acting.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { stampOf } from '../../request-lifecycle/application/stamp.js';
import { rejectPersonRequest, type PersonRequest } from '../domain/person-request.js';
import { PersonRequestRepository } from './person-request-repository.port.js';
import { PersonRequests } from './person-requests.js';
import type { PersonRequestVersion } from '../domain/v3-person.js';

/** PATCH /api/v{2,3}/person_requests/{id}/actions/reject: NEW or APPROVED → REJECTED. */
@Injectable()
export class RejectPersonRequestUseCase {
  constructor(
    private readonly requests: PersonRequests,
    private readonly repository: PersonRequestRepository,
    private readonly uow: UnitOfWork,
  ) {}

  execute(id: string, acting: Acting, version: PersonRequestVersion = 3): Promise<PersonRequest> {
    return this.uow.run(async () => {
      const locked = await this.requests.lock(
        id,
        acting.clientId,
        PersonRequests.inVersion(version),
      );
      const rejected = rejectPersonRequest(
        this.requests.lifecycle,
        locked,
        stampOf(acting, this.requests.now()),
      );
      await this.repository.updateState(rejected);
      return rejected;
    });
  }
}
