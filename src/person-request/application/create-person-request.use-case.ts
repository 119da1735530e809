import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { currentMethodOf } from '../../person/application/current-method-of.js';
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
import { PersonRequestRepository } from './person-request-repository.port.js';

const THIRD_PERSON_PATH = '$.person.authentication_methods[0].value';

interface Resolved {
  readonly current: CurrentMethod;
  /** Whose documents prove an OFFLINE method: the person's, or the third person's. */
  readonly documentTypes: readonly string[];
}

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
    const { current, documentTypes } = await this.resolve(input.person, now);
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
      documents:
        current.verifiedBy === 'OFFLINE' ? documentSlots('person_requests', id, documentTypes) : [],
      content: null,
      insertedBy: acting.userId,
      updatedBy: acting.userId,
      insertedAt: now,
      updatedAt: now,
    };
    // The code goes out first: if the OTP service refuses (429) or is down (503), no request
    // is left behind. A request that then fails to insert leaves only an unused code.
    if (current.verifiedBy === 'OTP') await this.verification.sendCode(current, acting.clientId);
    await this.requests.insert(request);
    return request;
  }

  /** The current method: the request's own one, or the registry person's on an update. */
  private async resolve(person: V3Person, now: Date): Promise<Resolved> {
    const ownTypes = person.documents.map((d) => d.type);
    if (person.id !== null) {
      const existing = await this.registry.findById(person.id);
      if (!existing) throw invalid('$.person.id', INVALID_TEXT.noSuchPerson);
      const current = await currentMethodOf(this.registry, existing.authenticationMethods, now);
      if (current.verifiedBy !== 'OFFLINE') return { current, documentTypes: [] };
      if (current.type !== 'THIRD_PERSON') return { current, documentTypes: ownTypes };
      return { current, documentTypes: await this.documentTypesOf(current.thirdPersonId!) };
    }
    const method = person.authenticationMethod!;
    switch (method.type) {
      case 'OTP':
        return {
          current: { type: 'OTP', verifiedBy: 'OTP', phoneNumber: method.phoneNumber },
          documentTypes: [],
        };
      case 'OFFLINE':
        return { current: { type: 'OFFLINE', verifiedBy: 'OFFLINE' }, documentTypes: ownTypes };
      case 'THIRD_PERSON':
        return this.throughThirdPerson(method.thirdPersonId, now);
    }
  }

  private async throughThirdPerson(thirdId: string, now: Date): Promise<Resolved> {
    const third = await this.registry.findById(thirdId);
    if (!third) throw invalid(THIRD_PERSON_PATH, INVALID_TEXT.noSuchPerson);
    if (third.status !== 'active')
      throw invalid(THIRD_PERSON_PATH, INVALID_TEXT.thirdPersonInactive);
    const theirs = ownMethod(third.authenticationMethods, now);
    if (theirs.type === 'NA')
      throw invalid(THIRD_PERSON_PATH, INVALID_TEXT.thirdPersonWithoutMethod);
    return {
      current: {
        type: 'THIRD_PERSON',
        verifiedBy: theirs.verifiedBy,
        thirdPersonId: thirdId,
        ...(theirs.phoneNumber ? { phoneNumber: theirs.phoneNumber } : {}),
      },
      documentTypes: third.documents.map((d) => d.type),
    };
  }

  private async documentTypesOf(personId: string): Promise<string[]> {
    const person = await this.registry.findById(personId);
    return person ? person.documents.map((d) => d.type) : [];
  }
}
