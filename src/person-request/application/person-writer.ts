import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RelationshipStarter } from '../../confidant-relationship/application/relationship-starter.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import type { AuthMethod, Person } from '../../person/domain/person.js';
import { thirdPersonPeriod } from '../../person/domain/third-person-term.js';
import type { Acting } from '../../kernel/application/acting.js';
import { dateInKyiv } from '../../kernel/domain/calendar.js';
import { fail } from '../../kernel/domain/errors.js';
import { registryName, type V3AuthMethod, type V3Person } from '../domain/v3-person.js';
import { PERSON_REQUEST_SETTINGS, type PersonRequestSettings } from './person-request.settings.js';
import { PERSON_ERRORS } from '../../person/domain/person-errors.js';

/**
 * Writes a request's person to the registry: a new person with the request's one method (and
 * the confidant relationship its `confidant_person` names), or the details of the existing
 * person the request named. Runs inside the caller's unit of work.
 */
@Injectable()
export class PersonWriter {
  constructor(
    private readonly registry: PersonRegistry,
    private readonly confidants: RelationshipStarter,
    @Inject(PERSON_REQUEST_SETTINGS) private readonly settings: PersonRequestSettings,
  ) {}

  /** Returns the id of the person written. */
  async write(data: V3Person, acting: Acting, now: Date): Promise<string> {
    const name = registryName(data);
    const details = {
      firstName: name.firstName,
      lastName: name.lastName,
      secondName: name.secondName,
      names: data.names.map((n) => ({ ...n })),
      birthDate: data.birthDate,
      birthCountry: data.birthCountry,
      birthSettlement: data.birthSettlement,
      gender: data.gender,
      taxId: data.taxId,
      noTaxId: data.noTaxId,
      documents: data.documents.map((d) => ({ ...d })),
      phones: data.phones.map((p) => ({ ...p })),
    };
    if (data.id !== null) {
      const existing = await this.registry.findByIdForUpdate(data.id);
      if (!existing) throw fail(PERSON_ERRORS.personNotFound);
      await this.registry.updateDetails({
        ...existing,
        ...details,
        updatedBy: acting.userId,
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
      authenticationMethods: data.authenticationMethod
        ? [this.initialMethod(data.authenticationMethod, data.birthDate, now)]
        : [],
      insertedBy: acting.userId,
      updatedBy: acting.userId,
      insertedAt: now,
      updatedAt: now,
    };
    await this.registry.create(person);
    await this.confidants.start(person, data.asSent.confidant_person, acting, now);
    return person.id;
  }

  /** The request's one method becomes the person's first (THIRD_PERSON with its term). */
  private initialMethod(method: V3AuthMethod, birthDate: string, now: Date): AuthMethod {
    const base = {
      id: randomUUID(),
      phoneNumber: null,
      value: null,
      alias: method.alias,
      startedAt: now,
      endedAt: null,
      insertedAt: now,
    };
    switch (method.type) {
      case 'OTP':
        return { ...base, type: 'OTP', phoneNumber: method.phoneNumber };
      case 'OFFLINE':
        return { ...base, type: 'OFFLINE' };
      case 'THIRD_PERSON':
        return {
          ...base,
          type: 'THIRD_PERSON',
          value: method.thirdPersonId,
          ...thirdPersonPeriod(birthDate, dateInKyiv(now), this.settings),
        };
    }
  }
}
