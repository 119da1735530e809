import { randomUUID } from 'node:crypto';
import { auditedResource } from '../../platform/audit/audit-scope.js';
import { Inject, Injectable } from '@nestjs/common';
import type { Acting } from '../../kernel/application/acting.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { DomainError, fail, validationFailed } from '../../kernel/domain/errors.js';
import { isUuid } from '../../kernel/domain/uuid.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import type { Person } from '../../person/domain/person.js';
import { PLATFORM_ERRORS } from '../../platform/errors.js';
import { Confirmation } from '../../request-lifecycle/application/confirmation.js';
import {
  confirmerDocumentTypes,
  currentMethodOf,
} from '../../request-lifecycle/application/current-method-of.js';
import { stampOf } from '../../request-lifecycle/application/stamp.js';
import {
  sameConfirmer,
  type CurrentMethod,
} from '../../request-lifecycle/domain/current-method.js';
import { expiryCutoff, opened } from '../../request-lifecycle/domain/lifecycle.js';
import { LIFECYCLE_ERRORS } from '../../request-lifecycle/domain/lifecycle-errors.js';
import {
  CONFIDANT_REQUESTS,
  confidantSlots,
  type ConfidantRequest,
} from '../domain/confidant-request.js';
import {
  checkInsert,
  deactivateBody,
  deactivateRejection,
  insertBodyOf,
  personRejection,
} from '../domain/create-rules.js';
import { ConfidantRequestRepository } from './confidant-request-repository.port.js';
import { ConfidantRequests } from './confidant-requests.js';
import { CONFIDANT_SETTINGS, type ConfidantSettings } from './confidant.settings.js';
import { RelationshipRepository } from './relationship-repository.port.js';

type Draft = Omit<
  ConfidantRequest,
  | 'id'
  | 'status'
  | 'clientId'
  | 'insertedBy'
  | 'updatedBy'
  | 'insertedAt'
  | 'updatedAt'
  | 'authenticationMethodCurrent'
  | 'documents'
  | 'signedContentAttemptKey'
>;

/**
 * POST /api/persons/{id}/confidant_person_relationship_requests (INSERT) and …/deactivate
 * (DEACTIVATE): checked in the registry's order, then created NEW, replacing the person's NEW
 * request if any. A refusal writes nothing; for OTP the code goes out before the write.
 */
@Injectable()
export class CreateConfidantRequestUseCase {
  constructor(
    private readonly requests: ConfidantRequests,
    private readonly repository: ConfidantRequestRepository,
    private readonly relationships: RelationshipRepository,
    private readonly registry: PersonRegistry,
    private readonly confirmation: Confirmation,
    private readonly uow: UnitOfWork,
    @Inject(CONFIDANT_SETTINGS) private readonly settings: ConfidantSettings,
  ) {}

  async insert(personId: string, body: unknown, acting: Acting): Promise<ConfidantRequest> {
    const input = insertBodyOf(body);
    const check = async (person: Person | null): Promise<Draft> => {
      const refused = personRejection(person);
      if (refused) throw refused;
      const confidant = isUuid(input.confidantPersonId)
        ? await this.registry.findById(input.confidantPersonId.toLowerCase())
        : null;
      const today = this.requests.today();
      const checked = checkInsert(input, {
        person,
        confidant,
        holding: await this.relationships.holdingOf(person!.id, today),
        today,
        maxConfidants: this.settings.maxConfidants,
      });
      if (checked instanceof DomainError) throw checked;
      return {
        personId: person!.id,
        channel: 'MIS',
        action: 'INSERT',
        confidantPersonId: checked.confidantPersonId,
        documentsRelationship: checked.documents,
        relationship: null,
        authorizeWith: checked.authorizeWith,
      };
    };
    return this.create(personId, acting, check);
  }

  async deactivate(personId: string, body: unknown, acting: Acting): Promise<ConfidantRequest> {
    const check = async (person: Person | null): Promise<Draft> => {
      const refused = personRejection(person);
      if (refused) throw refused;
      const parsed = deactivateBody(body);
      if (!parsed.ok) throw validationFailed(parsed.problems);
      const { relationship: ref, authorizeWith } = parsed.value;
      const relationship = await this.relationships.findById(ref.id);
      const rejection = deactivateRejection(relationship, person!.id, this.requests.today());
      if (rejection) throw rejection;
      return {
        personId: person!.id,
        channel: 'MIS',
        action: 'DEACTIVATE',
        confidantPersonId: relationship!.confidantPersonId,
        documentsRelationship: relationship!.documents,
        relationship: ref,
        authorizeWith,
      };
    };
    return this.create(personId, acting, check);
  }

  private async create(
    personId: string,
    acting: Acting,
    check: (person: Person | null) => Promise<Draft>,
  ): Promise<ConfidantRequest> {
    const now = this.requests.now();
    const stamp = stampOf(acting, now);
    const person = isUuid(personId) ? await this.registry.findById(personId) : null;
    const draft = await check(person);
    const current = await currentMethodOf(this.registry, person!.authenticationMethods, now);
    const id = randomUUID();
    const request: ConfidantRequest = {
      id,
      ...opened(acting.clientId, stamp),
      ...draft,
      authenticationMethodCurrent: current,
      documents: confidantSlots(
        id,
        relationshipDocumentTypes(draft),
        current,
        await this.confirmerTypes(person!, current),
      ),
      signedContentAttemptKey: null,
    };
    const write = () =>
      this.uow.run(async () => {
        // Under the person's lock the checks run again on the person and relationships as they
        // are now; a different confirmer than the one the request was built on is a concurrent
        // change.
        const fresh = await this.registry.findByIdForUpdate(person!.id);
        await check(fresh);
        const again = await currentMethodOf(this.registry, fresh!.authenticationMethods, now);
        if (!sameConfirmer(again, current)) throw fail(PLATFORM_ERRORS.concurrentChange);
        await this.repository.cancelNewOfPerson(
          person!.id,
          stamp,
          expiryCutoff(this.requests.lifecycle, now),
        );
        auditedResource(request.id);
        await this.repository.insert(request);
      });
    if (current.verifiedBy === 'OTP') {
      await this.confirmation.sendCode(CONFIDANT_REQUESTS, request, acting.clientId, write);
    } else {
      await write();
    }
    return request;
  }

  /**
   * Whose documents prove a method that is no code: OFFLINE (own or the third person's) or NA
   * (the person's own); a relationship is never confirmed by nothing, so none is a refusal.
   */
  private async confirmerTypes(person: Person, current: CurrentMethod): Promise<readonly string[]> {
    if (current.verifiedBy === 'OTP') return [];
    const own = person.documents.map((d) => d.type);
    const types =
      current.verifiedBy === 'NA' ? own : await confirmerDocumentTypes(this.registry, current, own);
    if (types.length === 0) throw fail(LIFECYCLE_ERRORS.noDocumentsToVerify);
    return types;
  }
}

/** The type each relationship document's scan is shown under, in document order. */
function relationshipDocumentTypes(draft: Draft): string[] {
  if (draft.action === 'INSERT') return draft.documentsRelationship.map((d) => d.type);
  return draft.relationship!.documents.map((d, i) => d.type ?? `DOCUMENTS_RELATIONSHIP_${i}`);
}
