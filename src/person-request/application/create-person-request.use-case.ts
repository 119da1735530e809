import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { auditedResource } from '../../platform/audit/audit-scope.js';
import type { Acting } from '../../kernel/application/acting.js';
import { fail, invalid } from '../../kernel/domain/errors.js';
import { Confirmation } from '../../request-lifecycle/application/confirmation.js';
import {
  confirmerDocumentTypes,
  currentMethodOf,
} from '../../request-lifecycle/application/current-method-of.js';
import { stampOf } from '../../request-lifecycle/application/stamp.js';
import {
  ownMethod,
  throughThirdPerson,
  type CurrentMethod,
} from '../../request-lifecycle/domain/current-method.js';
import { documentSlots } from '../../request-lifecycle/domain/document-slot.js';
import { opened } from '../../request-lifecycle/domain/lifecycle.js';
import { PERSON_REQUESTS, type PersonRequest } from '../domain/person-request.js';
import type { PersonRequestInput, V3Person } from '../domain/v3-person.js';
import { PersonRequestRepository } from './person-request-repository.port.js';
import { PersonRequests } from './person-requests.js';
import { LIFECYCLE_ERRORS } from '../../request-lifecycle/domain/lifecycle-errors.js';
import { PERSON_INVALID_TEXT } from '../../person/domain/person-errors.js';

const THIRD_PERSON_PATH = '$.person.authentication_methods[0].value';

/**
 * POST /api/v{2,3}/person_requests: a NEW request of the body's version, who confirms it, and a
 * code when OTP.
 */
@Injectable()
export class CreatePersonRequestUseCase {
  constructor(
    private readonly requests: PersonRequests,
    private readonly repository: PersonRequestRepository,
    private readonly registry: PersonRegistry,
    private readonly confirmation: Confirmation,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(input: PersonRequestInput, acting: Acting): Promise<PersonRequest> {
    const now = this.requests.now();
    const id = randomUUID();
    const current = await this.resolve(input.person, now);
    const documentTypes = await confirmerDocumentTypes(
      this.registry,
      current,
      input.person.documents.map((d) => d.type),
    );
    // An OFFLINE confirmer is proved by scans: with no document there would be nothing to
    // check, and approve would pass unproved.
    if (current.verifiedBy === 'OFFLINE' && documentTypes.length === 0) {
      throw fail(LIFECYCLE_ERRORS.noDocumentsToVerify);
    }
    const request: PersonRequest = {
      id,
      ...opened(acting.clientId, stampOf(acting, now)),
      version: input.version ?? 3,
      channel: 'MIS',
      person: input.person,
      personId: null,
      patientSigned: false,
      processDisclosureDataConsent: input.processDisclosureDataConsent,
      authorizeWith: input.authorizeWith,
      authenticationMethodCurrent: current,
      documents: documentSlots(PERSON_REQUESTS, id, documentTypes),
      content: null,
      signedContentAttemptKey: null,
    };
    // The code goes out first: if the OTP service refuses (429) or is down (503), no request
    // is left behind. A request that then fails to insert leaves only an unused code.
    // The insert is a transaction of its own, so that its audit row commits with it.
    const write = () =>
      this.uow.run(async () => {
        auditedResource(id);
        await this.repository.insert(request);
      });
    if (current.verifiedBy === 'OTP') {
      await this.confirmation.sendCode(PERSON_REQUESTS, request, acting.clientId, write);
    } else {
      await write();
    }
    return request;
  }

  /** Who confirms: the request's own method, or the registry person's on an update. */
  private async resolve(person: V3Person, now: Date): Promise<CurrentMethod> {
    if (person.id !== null) {
      const existing = await this.registry.findById(person.id);
      if (!existing) throw invalid('$.person.id', PERSON_INVALID_TEXT.noSuchPerson);
      return currentMethodOf(this.registry, existing.authenticationMethods, now);
    }
    const method = person.authenticationMethod!;
    switch (method.type) {
      case 'OTP':
        return { type: 'OTP', verifiedBy: 'OTP', phoneNumber: method.phoneNumber };
      case 'OFFLINE':
        return { type: 'OFFLINE', verifiedBy: 'OFFLINE' };
      case 'THIRD_PERSON':
        return this.throughThirdPerson(method.thirdPersonId, now);
    }
  }

  private async throughThirdPerson(thirdId: string, now: Date): Promise<CurrentMethod> {
    const third = await this.registry.findById(thirdId);
    if (!third) throw invalid(THIRD_PERSON_PATH, PERSON_INVALID_TEXT.noSuchPerson);
    if (third.status !== 'active') {
      throw invalid(THIRD_PERSON_PATH, PERSON_INVALID_TEXT.thirdPersonInactive);
    }
    const theirs = ownMethod(third.authenticationMethods, now);
    if (theirs.type === 'NA') {
      throw invalid(THIRD_PERSON_PATH, PERSON_INVALID_TEXT.thirdPersonWithoutMethod);
    }
    return throughThirdPerson(thirdId, theirs);
  }
}
