import { Injectable } from '@nestjs/common';
import type { Acting } from '../../kernel/application/acting.js';
import { Clock } from '../../kernel/application/clock.port.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { ERRORS } from '../../kernel/domain/error-catalogue.js';
import { fail } from '../../kernel/domain/errors.js';
import { canReject, type PersonRequest } from '../domain/person-request.js';
import { PersonRequestAccess } from './person-request-access.js';
import { PersonRequestRepository } from './person-request-repository.port.js';

/** PATCH /api/v3/person_requests/{id}/actions/reject: NEW or APPROVED → REJECTED. */
@Injectable()
export class RejectPersonRequestUseCase {
  constructor(
    private readonly requests: PersonRequestRepository,
    private readonly access: PersonRequestAccess,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(id: string, acting: Acting): Promise<PersonRequest> {
    return this.uow.run(async () => {
      const locked = await this.access.lock(id, acting.clientId);
      if (!canReject(locked.status)) throw fail(ERRORS.invalidTransition);
      const rejected: PersonRequest = {
        ...locked,
        status: 'REJECTED',
        updatedBy: acting.userId,
        updatedAt: this.clock.now(),
      };
      await this.requests.save(rejected);
      return rejected;
    });
  }
}
