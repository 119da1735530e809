import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { thirdPersonEndDate } from '../../auth-method-request/domain/third-person-term.js';
import type { AppConfig } from '../../platform/config/app-config.js';
import { APP_CONFIG } from '../../platform/config/config.tokens.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import type { AuthMethod, Gender, Person, PersonDocument } from '../../person/domain/person.js';
import { Clock } from '../../shared/application/clock.js';
import { MethodVerification } from '../../shared/application/method-verification.js';
import { UnitOfWork } from '../../shared/application/unit-of-work.js';
import { addDays, dateInKyiv, startOfDayInKyiv } from '../../shared/domain/calendar.js';
import { conflict, notFound } from '../../shared/domain/errors.js';
import { maskPhone } from '../../shared/domain/phone.js';
import {
  canApprove,
  INVALID_TRANSITION_TEXT,
  type PersonRequest,
} from '../domain/person-request.js';
import { personRequestPrintout } from '../domain/printout.js';
import { registryName } from '../domain/v3-person.js';
import type { ActorRef } from './create-person-request.use-case.js';
import { PersonRequestRepository } from './person-request.repository.js';
import {
  PERSON_REQUEST_NOT_FOUND,
  ReadPersonRequestsUseCase,
} from './read-person-requests.use-case.js';

type Json = Record<string, unknown>;

/**
 * PATCH /api/v3/person_requests/{id}/actions/approve: verifies the current method outside the
 * transaction (no connection held during the OTP call), then in one transaction locks the
 * request, re-checks NEW, writes the person to the registry and the request as APPROVED.
 */
@Injectable()
export class ApprovePersonRequestUseCase {
  constructor(
    private readonly requests: PersonRequestRepository,
    private readonly reads: ReadPersonRequestsUseCase,
    private readonly registry: PersonRegistry,
    private readonly verification: MethodVerification,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(id: string, code: unknown, actor: ActorRef): Promise<PersonRequest> {
    const request = await this.reads.get(id);
    if (!canApprove(request.status)) throw conflict(INVALID_TRANSITION_TEXT);
    await this.verification.verify(request.authenticationMethodCurrent, code, request.documents);
    return this.uow.run(async () => {
      const locked = await this.requests.findByIdForUpdate(id);
      if (!locked) throw notFound(PERSON_REQUEST_NOT_FOUND);
      if (!canApprove(this.reads.withEffectiveStatus(locked).status))
        throw conflict(INVALID_TRANSITION_TEXT);
      const now = this.clock.now();
      const personId = await this.writePerson(locked, actor, now);
      const current = locked.authenticationMethodCurrent;
      const approved: PersonRequest = {
        ...locked,
        status: 'APPROVED',
        personId,
        content: personRequestPrintout(
          locked.id,
          locked.person,
          current.type,
          current.phoneNumber ? maskPhone(current.phoneNumber) : null,
          dateInKyiv(now),
        ),
        updatedBy: actor.userId,
        updatedAt: now,
      };
      await this.requests.save(approved);
      return approved;
    });
  }

  /** Creates the person (or updates it when the request named `person.id`); returns its id. */
  private async writePerson(request: PersonRequest, actor: ActorRef, now: Date): Promise<string> {
    const data = request.person;
    const name = registryName(data);
    const documents: PersonDocument[] = ((data.documents as Json[] | undefined) ?? []).map((d) => ({
      type: String(d.type),
      number: String(d.number),
      issuedAt: typeof d.issued_at === 'string' ? d.issued_at.slice(0, 10) : null,
      expirationDate: typeof d.expiration_date === 'string' ? d.expiration_date.slice(0, 10) : null,
    }));
    const details = {
      firstName: name.firstName,
      lastName: name.lastName,
      secondName: name.secondName,
      birthDate: String(data.birth_date),
      gender: data.gender as Gender,
      taxId: typeof data.tax_id === 'string' ? data.tax_id : null,
      noTaxId: data.no_tax_id === true,
      documents,
    };
    if (typeof data.id === 'string') {
      const existing = await this.registry.findByIdForUpdate(data.id.toLowerCase());
      if (!existing) throw notFound("Such person doesn't exist");
      await this.registry.updateDetails({
        ...existing,
        ...details,
        updatedBy: actor.userId,
        updatedAt: now,
      });
      return existing.id;
    }
    const person: Person = {
      id: randomUUID(),
      ...details,
      status: 'active',
      verificationStatus: 'VERIFICATION_NEEDED',
      verificationReason: 'INITIAL',
      verificationComment: null,
      authenticationMethods: [this.initialMethod(data, details.birthDate, now)],
      insertedBy: actor.userId,
      updatedBy: actor.userId,
      insertedAt: now,
      updatedAt: now,
    };
    await this.registry.create(person);
    return person.id;
  }

  /** The request's one method becomes the person's first (THIRD_PERSON with rules.md §6 dates). */
  private initialMethod(data: Json, birthDate: string, now: Date): AuthMethod {
    const method = ((data.authentication_methods as Json[] | undefined) ?? [])[0] ?? {};
    const base = {
      id: randomUUID(),
      phoneNumber: null,
      value: null,
      alias: typeof method.alias === 'string' ? method.alias : null,
      startedAt: now,
      endedAt: null,
      insertedAt: now,
    };
    if (method.type === 'OTP')
      return { ...base, type: 'OTP', phoneNumber: String(method.phone_number) };
    if (method.type === 'THIRD_PERSON') {
      const today = dateInKyiv(now);
      const end = thirdPersonEndDate(birthDate, today, this.config);
      return {
        ...base,
        type: 'THIRD_PERSON',
        value: String(method.value).toLowerCase(),
        startedAt: startOfDayInKyiv(today),
        endedAt: startOfDayInKyiv(addDays(end, 1)),
      };
    }
    return { ...base, type: 'OFFLINE' };
  }
}
