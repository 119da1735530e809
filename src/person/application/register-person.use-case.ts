import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { auditedResource } from '../../platform/audit/audit-scope.js';
import { Clock } from '../../kernel/application/clock.port.js';
import { invalid } from '../../kernel/domain/errors.js';
import type {
  AuthMethodType,
  Gender,
  PersonDocument,
  PersonPhone,
  PersonStatus,
  VerificationStatus,
  Person,
} from '../domain/person.js';
import { PersonRegistry } from './person-registry.port.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { PERSON_INVALID_TEXT } from '../domain/person-errors.js';

export interface RegisterPersonCommand {
  readonly firstName: string;
  readonly lastName: string;
  readonly secondName?: string | null;
  readonly birthDate: string;
  readonly birthCountry?: string | null;
  readonly birthSettlement?: string | null;
  readonly gender: Gender;
  readonly taxId?: string | null;
  readonly noTaxId: boolean;
  readonly status?: PersonStatus;
  readonly verificationStatus?: VerificationStatus;
  readonly documents: readonly PersonDocument[];
  readonly phones?: readonly PersonPhone[];
  readonly authenticationMethods: readonly {
    readonly type: Exclude<AuthMethodType, 'NA'>;
    readonly phoneNumber?: string | null;
    readonly value?: string | null;
    readonly alias?: string | null;
  }[];
  readonly actorId: string | null;
}

/** Registers a person in the MPI part (docs/api.md, Persons, internal), so flows can run without an MPI. */
@Injectable()
export class RegisterPersonUseCase {
  constructor(
    private readonly registry: PersonRegistry,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(command: RegisterPersonCommand): Promise<Person> {
    const now = this.clock.now();
    const own = command.authenticationMethods.filter((m) => m.type !== 'THIRD_PERSON');
    // A person holds one own method at a time (the database keeps it so as well).
    if (own.length > 1) {
      throw invalid('$.authentication_methods', 'at most one OTP or OFFLINE method', 'length');
    }
    // An OFFLINE method is proved by scans of the person's documents: without one it could
    // never be proved, and approves would pass unproved.
    if (own.some((m) => m.type === 'OFFLINE') && command.documents.length === 0) {
      throw invalid('$.documents', 'an OFFLINE method needs at least one document', 'length');
    }
    const thirdPersonIds = command.authenticationMethods
      .map((m, index) => ({ id: m.type === 'THIRD_PERSON' ? m.value : null, index }))
      .filter((x): x is { id: string; index: number } => typeof x.id === 'string');
    const person: Person = {
      id: randomUUID(),
      firstName: command.firstName,
      lastName: command.lastName,
      secondName: command.secondName ?? null,
      // The one name this route takes is the person's `uk` name, as the registry's v1 persons.
      names: [
        {
          language: 'uk',
          firstName: command.firstName,
          lastName: command.lastName === '' ? null : command.lastName,
          secondName: command.secondName ?? null,
        },
      ],
      birthDate: command.birthDate,
      birthCountry: command.birthCountry ?? null,
      birthSettlement: command.birthSettlement ?? null,
      gender: command.gender,
      taxId: command.taxId ?? null,
      noTaxId: command.noTaxId,
      status: command.status ?? 'active',
      verificationStatus: command.verificationStatus ?? 'VERIFICATION_NEEDED',
      verificationReason: 'INITIAL',
      verificationComment: null,
      documents: command.documents,
      phones: command.phones ?? [],
      authenticationMethods: command.authenticationMethods.map((m, i) => ({
        id: randomUUID(),
        type: m.type,
        phoneNumber: m.type === 'OTP' ? (m.phoneNumber ?? null) : null,
        value: m.type === 'THIRD_PERSON' ? (m.value ?? null) : null,
        alias: m.alias ?? null,
        startedAt: now,
        endedAt: null,
        insertedAt: new Date(now.getTime() + i),
      })),
      insertedBy: command.actorId,
      updatedBy: command.actorId,
      insertedAt: now,
      updatedAt: now,
    };
    return this.uow.run(async () => {
      for (const { id, index } of thirdPersonIds) {
        if (!(await this.registry.findById(id))) {
          throw invalid(
            `$.authentication_methods[${index}].value`,
            PERSON_INVALID_TEXT.noSuchPerson,
          );
        }
      }
      await this.registry.create(person);
      auditedResource(person.id);
      return person;
    });
  }
}
