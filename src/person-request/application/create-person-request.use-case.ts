import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import {
  currentMethod,
  ownMethod,
  type CurrentMethod,
} from '../../person/domain/current-method.js';
import { Clock } from '../../shared/application/clock.js';
import { documentSlots, MethodVerification } from '../../shared/application/method-verification.js';
import { invalid, validationFailed } from '../../shared/domain/errors.js';
import type { PersonRequest } from '../domain/person-request.js';
import { validatePersonRequestBody } from '../domain/v3-person.js';
import { PersonRequestRepository } from './person-request.repository.js';

export interface ActorRef {
  readonly userId: string | null;
  readonly clientId: string | null;
}

type Json = Record<string, unknown>;
const METHOD_PATH = '$.person.authentication_methods[0].value';

/** POST /api/v3/person_requests (api.md §4). */
@Injectable()
export class CreatePersonRequestUseCase {
  constructor(
    private readonly requests: PersonRequestRepository,
    private readonly registry: PersonRegistry,
    private readonly verification: MethodVerification,
    private readonly clock: Clock,
  ) {}

  async execute(body: unknown, actor: ActorRef): Promise<PersonRequest> {
    const now = this.clock.now();
    const problems = validatePersonRequestBody(body, now);
    if (problems.length > 0) throw validationFailed(problems);
    const input = body as Json;
    const person = input.person as Json;
    const id = randomUUID();
    const { current, documentTypes } = await this.resolveCurrent(person);
    const request: PersonRequest = {
      id,
      status: 'NEW',
      channel: 'MIS',
      person,
      personId: null,
      clientId: actor.clientId,
      patientSigned: false,
      processDisclosureDataConsent: input.process_disclosure_data_consent as boolean,
      authorizeWith:
        typeof input.authorize_with === 'string' ? input.authorize_with.toLowerCase() : null,
      authenticationMethodCurrent: current,
      documents:
        current.verifiedBy === 'OFFLINE' ? documentSlots('person_requests', id, documentTypes) : [],
      content: null,
      insertedBy: actor.userId,
      updatedBy: actor.userId,
      insertedAt: now,
      updatedAt: now,
    };
    // The code goes out first: if the OTP service refuses (429) or is down (503), no request
    // is left behind. A request that then fails to insert leaves only an unused code.
    if (current.verifiedBy === 'OTP') await this.verification.sendCode(current);
    await this.requests.insert(request);
    return request;
  }

  /** rules.md §3 for a person request: its own method, or the registry person's on update. */
  private async resolveCurrent(
    person: Json,
  ): Promise<{ current: CurrentMethod; documentTypes: string[] }> {
    const now = this.clock.now();
    const ownTypes = (person.documents as Json[]).map((d) => String(d.type));
    if (typeof person.id === 'string') {
      const existing = await this.registry.findById(person.id.toLowerCase());
      if (!existing) throw invalid('$.person.id', "such person doesn't exist");
      const thirdIds = existing.authenticationMethods
        .filter((m) => m.type === 'THIRD_PERSON' && m.value)
        .map((m) => m.value!);
      const current = currentMethod(
        existing.authenticationMethods,
        now,
        await this.registry.methodsOf(thirdIds),
      );
      return { current, documentTypes: await this.documentTypesFor(current, ownTypes) };
    }
    const method = (person.authentication_methods as Json[])[0];
    if (method.type === 'OTP') {
      return {
        current: { type: 'OTP', verifiedBy: 'OTP', phoneNumber: String(method.phone_number) },
        documentTypes: [],
      };
    }
    if (method.type === 'OFFLINE')
      return { current: { type: 'OFFLINE', verifiedBy: 'OFFLINE' }, documentTypes: ownTypes };
    const thirdId = String(method.value).toLowerCase();
    const third = await this.registry.findById(thirdId);
    if (!third) throw invalid(METHOD_PATH, "such person doesn't exist");
    if (third.status !== 'active') throw invalid(METHOD_PATH, 'third person must be active');
    const theirs = ownMethod(third.authenticationMethods, now);
    if (theirs.type === 'NA')
      throw invalid(METHOD_PATH, 'third person must has auth method OTP or OFFLINE');
    const current: CurrentMethod = {
      type: 'THIRD_PERSON',
      verifiedBy: theirs.verifiedBy,
      thirdPersonId: thirdId,
      ...(theirs.phoneNumber ? { phoneNumber: theirs.phoneNumber } : {}),
    };
    return { current, documentTypes: third.documents.map((d) => d.type) };
  }

  /** Whose documents prove an OFFLINE method: the person's, or the third person's. */
  private async documentTypesFor(current: CurrentMethod, ownTypes: string[]): Promise<string[]> {
    if (current.verifiedBy !== 'OFFLINE') return [];
    if (current.type !== 'THIRD_PERSON') return ownTypes;
    const third = await this.registry.findById(current.thirdPersonId!);
    return third ? third.documents.map((d) => d.type) : [];
  }
}
