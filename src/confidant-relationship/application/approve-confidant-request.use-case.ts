import { Inject, Injectable } from '@nestjs/common';
import type { Acting } from '../../kernel/application/acting.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import { Confirmation } from '../../request-lifecycle/application/confirmation.js';
import { stampOf } from '../../request-lifecycle/application/stamp.js';
import { assertCan, transition } from '../../request-lifecycle/domain/lifecycle.js';
import { CONFIDANT_REQUESTS, type ConfidantRequest } from '../domain/confidant-request.js';
import { personRejection } from '../domain/create-rules.js';
import { ConfidantRequestRepository } from './confidant-request-repository.port.js';
import { ConfidantRequests } from './confidant-requests.js';
import { CONFIDANT_SETTINGS, type ConfidantSettings } from './confidant.settings.js';
import { relationshipStillPossible } from './relationship-checks.js';
import { RelationshipRepository } from './relationship-repository.port.js';

/**
 * PATCH …/confidant_person_relationship_requests/{request_id}/actions/approve: the scans, then
 * the code, checked as for every request kind (before the transaction: no lock is held over a
 * call to the OTP service); then, under the person's and the request's locks, NEW → APPROVED.
 * An INSERT is checked again against the relationships as they are then.
 */
@Injectable()
export class ApproveConfidantRequestUseCase {
  constructor(
    private readonly requests: ConfidantRequests,
    private readonly repository: ConfidantRequestRepository,
    private readonly relationships: RelationshipRepository,
    private readonly registry: PersonRegistry,
    private readonly confirmation: Confirmation,
    private readonly uow: UnitOfWork,
    @Inject(CONFIDANT_SETTINGS) private readonly settings: ConfidantSettings,
  ) {}

  async execute(
    personId: string,
    requestId: string,
    code: unknown,
    acting: Acting,
  ): Promise<ConfidantRequest> {
    const { lifecycle } = this.requests;
    const scope = this.requests.of(personId);
    const request = await this.requests.get(requestId, acting.clientId, scope);
    assertCan(lifecycle, request, 'approve');
    await this.confirmation.confirm(CONFIDANT_REQUESTS, request, acting.clientId, code);
    return this.uow.run(async () => {
      const person = await this.registry.findByIdForUpdate(request.personId);
      const refused = personRejection(person);
      if (refused) throw refused;
      const locked = await this.requests.lock(requestId, acting.clientId, scope);
      assertCan(lifecycle, locked, 'approve');
      await relationshipStillPossible(
        this.relationships,
        locked,
        this.requests.today(),
        this.settings.maxConfidants,
      );
      const approved = transition(
        lifecycle,
        locked,
        'approve',
        stampOf(acting, this.requests.now()),
      );
      await this.repository.updateState(approved);
      return approved;
    });
  }
}
