import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  authenticatorDocumentTypes,
  currentMethodOf,
} from '../../person/application/current-method-of.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import { ownMethod, type CurrentMethod } from '../../person/domain/current-method.js';
import type { Acting } from '../../kernel/application/acting.js';
import { Clock } from '../../kernel/application/clock.port.js';
import { ERRORS, INVALID_TEXT } from '../../kernel/domain/error-catalogue.js';
import { fail, invalid } from '../../kernel/domain/errors.js';
import { MethodVerification } from '../../verification/application/method-verification.service.js';
import { documentSlots } from '../../verification/domain/document-slots.js';
import type { PersonRequest } from '../domain/person-request.js';
import type { PersonRequestInput, V3Person } from '../domain/v3-person.js';
import { personRequestCode } from './code-purpose.js';
import { PersonRequestRepository } from './person-request-repository.port.js';

const THIRD_PERSON_PATH = '$.person.authentication_methods[0].value';

/** POST /api/v3/person_requests: a NEW request, its current method, and a code when OTP. */
@Injectable()
export class CreatePersonRequestUseCase {
  constructor(
    private readonly requests: PersonRequestRepository,
    private readonly registry: PersonRegistry,
    private readonly verification: MethodVerification,
    private readonly clock: Clock,
  ) {}

  async execute(input: PersonRequestInput, acting: Acting): Promise<PersonRequest> {
    const now = this.clock.now();
    const id = randomUUID();
    const current = await this.resolve(input.person, now);
    const documentTypes = await authenticatorDocumentTypes(
      this.registry,
      current,
      input.person.documents.map((d) => d.type),
    );
    // An OFFLINE authenticator is proved by scans: with no document there would be nothing to
    // check, and approve would pass unproved.
    if (current.verifiedBy === 'OFFLINE' && documentTypes.length === 0) {
      throw fail(ERRORS.noDocumentsToVerify);
    }
    const request: PersonRequest = {
      id,
      status: 'NEW',
      channel: 'MIS',
      person: input.person,
      personId: null,
      clientId: acting.clientId,
      patientSigned: false,
      processDisclosureDataConsent: input.processDisclosureDataConsent,
      authorizeWith: input.authorizeWith,
      authenticationMethodCurrent: current,
      documents: documentSlots('person_requests', id, documentTypes),
      content: null,
      signedContentAttemptKey: null,
      insertedBy: acting.userId,
      updatedBy: acting.userId,
      insertedAt: now,
      updatedAt: now,
    };
    // The code goes out first: if the OTP service refuses (429) or is down (503), no request
    // is left behind. A request that then fails to insert leaves only an unused code, which
    // stays counted in the SMS budget: the SMS went out.
    const write = () => this.requests.insert(request);
    if (current.verifiedBy === 'OTP')
      await this.verification.sendCode(current, personRequestCode(id, acting.clientId), write);
    else await write();
    return request;
  }

  /** The current method: the request's own one, or the registry person's on an update. */
  private async resolve(person: V3Person, now: Date): Promise<CurrentMethod> {
    if (person.id !== null) {
      const existing = await this.registry.findById(person.id);
      if (!existing) throw invalid('$.person.id', INVALID_TEXT.noSuchPerson);
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
    if (!third) throw invalid(THIRD_PERSON_PATH, INVALID_TEXT.noSuchPerson);
    if (third.status !== 'active')
      throw invalid(THIRD_PERSON_PATH, INVALID_TEXT.thirdPersonInactive);
    const theirs = ownMethod(third.authenticationMethods, now);
    if (theirs.type === 'NA')
      throw invalid(THIRD_PERSON_PATH, INVALID_TEXT.thirdPersonWithoutMethod);
    return {
      type: 'THIRD_PERSON',
      verifiedBy: theirs.verifiedBy,
      thirdPersonId: thirdId,
      ...(theirs.phoneNumber ? { phoneNumber: theirs.phoneNumber } : {}),
    };
  }
}
