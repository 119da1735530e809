import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignedCopies } from '../../document-storage/application/signed-copies.js';
import type { Acting } from '../../kernel/application/acting.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import { SignedDataCheck } from '../../request-lifecycle/application/signed-data-check.js';
import { stampOf } from '../../request-lifecycle/application/stamp.js';
import { assertCan, transition } from '../../request-lifecycle/domain/lifecycle.js';
import {
  CONFIDANT_REQUESTS,
  confidantRequestData,
  type ConfidantRequest,
} from '../domain/confidant-request.js';
import { personRejection } from '../domain/create-rules.js';
import { deactivated, relationshipEnd } from '../domain/relationship.js';
import { ConfidantRequestRepository } from './confidant-request-repository.port.js';
import { ConfidantRequests } from './confidant-requests.js';
import { CONFIDANT_SETTINGS, type ConfidantSettings } from './confidant.settings.js';
import { relationshipStillPossible } from './relationship-checks.js';
import { RelationshipRepository } from './relationship-repository.port.js';

export interface SignConfidantCommand {
  readonly personId: string;
  readonly requestId: string;
  /** `{ signed_content, signed_content_encoding? }` as sent. */
  readonly body: unknown;
  readonly mspDrfo: string | undefined;
  readonly acting: Acting;
}

/**
 * PATCH …/{request_id}/actions/sign: `$.data` of the approved request, with `patient_signed:
 * true`, signed and checked exactly as a person request's sign (SignedDataCheck). Then the
 * signed copy is kept as an attempt and, in one transaction under the person's and the request's
 * locks, the relationship is started (INSERT) or ended with today as its last day (DEACTIVATE)
 * and the request becomes COMPLETED. Concurrent signs: the first to lock wins, the others find it
 * COMPLETED (409) and their attempts are dropped.
 */
@Injectable()
export class SignConfidantRequestUseCase {
  constructor(
    private readonly requests: ConfidantRequests,
    private readonly repository: ConfidantRequestRepository,
    private readonly relationships: RelationshipRepository,
    private readonly registry: PersonRegistry,
    private readonly signedData: SignedDataCheck,
    private readonly signedCopies: SignedCopies,
    private readonly uow: UnitOfWork,
    @Inject(CONFIDANT_SETTINGS) private readonly settings: ConfidantSettings,
  ) {}

  async execute(command: SignConfidantCommand): Promise<ConfidantRequest> {
    const { requestId, acting } = command;
    const { lifecycle } = this.requests;
    const scope = this.requests.of(command.personId);
    const request = await this.requests.get(requestId, acting.clientId, scope);
    assertCan(lifecycle, request, 'sign');
    const bytes = await this.signedData.check(
      command.body,
      confidantRequestData(request),
      command.mspDrfo,
    );
    return this.signedCopies.keepIfCommitted(CONFIDANT_REQUESTS, requestId, bytes, (attempt) =>
      this.uow.run(async () => {
        const person = await this.registry.findByIdForUpdate(request.personId);
        const refused = personRejection(person);
        if (refused) throw refused;
        const locked = await this.requests.lock(requestId, acting.clientId, scope);
        assertCan(lifecycle, locked, 'sign');
        const stamp = stampOf(acting, this.requests.now());
        const today = this.requests.today();
        const ending = await relationshipStillPossible(
          this.relationships,
          locked,
          today,
          this.settings.maxConfidants,
        );
        if (ending) {
          await this.relationships.updateState(deactivated(ending, today, stamp.by, stamp.at));
        } else {
          await this.relationships.endLapsed(locked.personId, locked.confidantPersonId, today);
          await this.relationships.insert({
            id: randomUUID(),
            personId: locked.personId,
            confidantPersonId: locked.confidantPersonId,
            documents: locked.documentsRelationship,
            activeTo: relationshipEnd(
              locked.documentsRelationship,
              person!.birthDate,
              today,
              this.settings,
            ),
            isActive: true,
            verificationStatus: 'VERIFICATION_NEEDED',
            verificationReason: 'MANUAL_CREATED_BY_DOCTOR',
            insertedBy: stamp.by,
            updatedBy: stamp.by,
            insertedAt: stamp.at,
            updatedAt: stamp.at,
          });
        }
        const signed = transition(lifecycle, locked, 'sign', stamp, {
          signedContentAttemptKey: attempt,
        });
        await this.repository.updateState(signed);
        return signed;
      }),
    );
  }
}
