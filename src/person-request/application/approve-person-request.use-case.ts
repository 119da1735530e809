import { Injectable } from '@nestjs/common';
import type { Acting } from '../../kernel/application/acting.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { Confirmation } from '../../request-lifecycle/application/confirmation.js';
import { stampOf } from '../../request-lifecycle/application/stamp.js';
import { assertCan } from '../../request-lifecycle/domain/lifecycle.js';
import {
  approvePersonRequest,
  PERSON_REQUESTS,
  type PersonRequest,
} from '../domain/person-request.js';
import { PersonRequestRepository } from './person-request-repository.port.js';
import { PersonRequests } from './person-requests.js';
import type { PersonRequestVersion } from '../domain/v3-person.js';

/**
 * PATCH /api/v{2,3}/person_requests/{id}/actions/approve (a route reaches its version's requests): confirms the patient's identity (the code,
 * or the scans) and hands out the printout they read and sign. The confirmation runs outside the
 * transaction (no connection held during the OTP call); the transaction locks the request,
 * re-checks the transition and stores it APPROVED. Nothing is written to the registry: that is
 * sign's work.
 */
@Injectable()
export class ApprovePersonRequestUseCase {
  constructor(
    private readonly requests: PersonRequests,
    private readonly repository: PersonRequestRepository,
    private readonly confirmation: Confirmation,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(
    id: string,
    code: unknown,
    acting: Acting,
    version: PersonRequestVersion = 3,
  ): Promise<PersonRequest> {
    const { lifecycle } = this.requests;
    const scope = PersonRequests.inVersion(version);
    const request = await this.requests.get(id, acting.clientId, scope);
    assertCan(lifecycle, request, 'approve');
    await this.confirmation.confirm(PERSON_REQUESTS, request, acting.clientId, code);
    return this.uow.run(async () => {
      const locked = await this.requests.lock(id, acting.clientId, scope);
      const approved = approvePersonRequest(
        lifecycle,
        locked,
        stampOf(acting, this.requests.now()),
      );
      await this.repository.updateState(approved);
      return approved;
    });
  }
}
