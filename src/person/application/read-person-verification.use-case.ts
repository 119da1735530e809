import { Injectable } from '@nestjs/common';
import { fail } from '../../kernel/domain/errors.js';
import type { Person } from '../domain/person.js';
import { PERSON_ERRORS } from '../domain/person-errors.js';
import { registerDetails, type RegisterVerification } from '../domain/register-verification.js';
import { PersonRegistry } from './person-registry.port.js';
import { RegisterVerifications } from './register-verifications.port.js';

export interface PersonVerification {
  readonly person: Person;
  /** Every register, in the registry's order; not verified unless a host recorded a result. */
  readonly registers: readonly RegisterVerification[];
}

/** A person's verification status and the state registers' results behind it. */
@Injectable()
export class ReadPersonVerificationUseCase {
  constructor(
    private readonly registry: PersonRegistry,
    private readonly results: RegisterVerifications,
  ) {}

  async execute(personId: string): Promise<PersonVerification> {
    const person = await this.registry.findById(personId);
    if (!person) throw fail(PERSON_ERRORS.personNotFound);
    return { person, registers: registerDetails(await this.results.of(personId)) };
  }
}
