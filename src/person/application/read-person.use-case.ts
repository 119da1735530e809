import { Injectable } from '@nestjs/common';
import { Clock } from '../../kernel/application/clock.port.js';
import { fail } from '../../kernel/domain/errors.js';
import { visibleMethods } from '../domain/authentication-methods.js';
import type { AuthMethod, Person } from '../domain/person.js';
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
   * The methods a reader sees, and the third persons their THIRD_PERSON methods name (by id),
   * each read once: the third persons' own methods decide which THIRD_PERSON methods show, and
   * the persons themselves are listed as `confidant_person`. An unknown person is refused as the
   * registry refuses it here (403 `Such person not found`).
   */
  async listedMethods(
    id: string,
  ): Promise<{ methods: AuthMethod[]; thirdPersons: ReadonlyMap<string, Person> }> {
    const person = await this.registry.findById(id);
    if (!person) throw fail(PERSON_ERRORS.personNotFoundForbidden);
    const ids = [
      ...new Set(
        person.authenticationMethods
          .filter((m) => m.type === 'THIRD_PERSON' && m.value)
          .map((m) => m.value!),
      ),
    ];
    const found = await Promise.all(ids.map((third) => this.registry.findById(third)));
    const thirdPersons = new Map(
      found.filter((p): p is Person => p !== null).map((p) => [p.id, p]),
    );
    const theirMethods = new Map([...thirdPersons].map(([k, p]) => [k, p.authenticationMethods]));
    const methods = visibleMethods(person.authenticationMethods, this.clock.now(), theirMethods);
    return { methods, thirdPersons };
  }
}
