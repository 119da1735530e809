import { Injectable } from '@nestjs/common';
import { Clock } from '../../kernel/application/clock.port.js';
import { fail } from '../../kernel/domain/errors.js';
import { visibleMethods } from '../domain/authentication-methods.js';
import type { AuthMethod, Person } from '../domain/person.js';
import { thirdPersonMethods } from './third-person-methods.js';
import { PersonRegistry } from './person-registry.port.js';
import { PERSON_ERRORS } from '../domain/person-errors.js';

/** Reads of the registry part: a person, their visible methods, their verification status. */
@Injectable()
export class ReadPersonUseCase {
  constructor(
    private readonly registry: PersonRegistry,
    private readonly clock: Clock,
  ) {}

  async person(id: string): Promise<Person> {
    const person = await this.registry.findById(id);
    if (!person) throw fail(PERSON_ERRORS.personNotFound);
    return person;
  }

  /**
   * The methods a reader sees; an unknown person is refused as the registry refuses it here
   * (403 `Such person not found`).
   */
  async activeMethods(id: string): Promise<AuthMethod[]> {
    const person = await this.registry.findById(id);
    if (!person) throw fail(PERSON_ERRORS.personNotFoundForbidden);
    const third = await thirdPersonMethods(this.registry, person.authenticationMethods);
    return visibleMethods(person.authenticationMethods, this.clock.now(), third);
  }

  /** The third persons the THIRD_PERSON methods name, by id (one look-up each; few per person). */
  async thirdPersons(methods: readonly AuthMethod[]): Promise<ReadonlyMap<string, Person>> {
    const ids = [
      ...new Set(methods.filter((m) => m.type === 'THIRD_PERSON' && m.value).map((m) => m.value!)),
    ];
    const found = await Promise.all(ids.map((id) => this.registry.findById(id)));
    return new Map(found.filter((p): p is Person => p !== null).map((p) => [p.id, p]));
  }
}
