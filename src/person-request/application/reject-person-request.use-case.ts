import { Injectable } from '@nestjs/common';
import { Clock } from '../../shared/application/clock.js';
import { UnitOfWork } from '../../shared/application/unit-of-work.js';
import { conflict, notFound } from '../../shared/domain/errors.js';
import {
  canReject,
  INVALID_TRANSITION_TEXT,
  type PersonRequest,
} from '../domain/person-request.js';
import type { ActorRef } from './create-person-request.use-case.js';
import { PersonRequestRepository } from './person-request.repository.js';
import {
  PERSON_REQUEST_NOT_FOUND,
  ReadPersonRequestsUseCase,
} from './read-person-requests.use-case.js';

/** PATCH /api/v3/person_requests/{id}/actions/reject: NEW or APPROVED → REJECTED. */
@Injectable()
export class RejectPersonRequestUseCase {
  constructor(
    private readonly requests: PersonRequestRepository,
    private readonly reads: ReadPersonRequestsUseCase,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(id: string, actor: ActorRef): Promise<PersonRequest> {
    return this.uow.run(async () => {
      const locked = await this.requests.findByIdForUpdate(id);
      if (!locked) throw notFound(PERSON_REQUEST_NOT_FOUND);
      if (!canReject(this.reads.withEffectiveStatus(locked).status))
        throw conflict(INVALID_TRANSITION_TEXT);
      const rejected: PersonRequest = {
        ...locked,
        status: 'REJECTED',
        updatedBy: actor.userId,
        updatedAt: this.clock.now(),
      };
      await this.requests.save(rejected);
      return rejected;
    });
  }
}
