import { Injectable } from '@nestjs/common';
import { Clock } from '../../shared/application/clock.js';
import { notFound } from '../../shared/domain/errors.js';
import { visibleMethods } from '../domain/current-method.js';
import type { AuthMethod, Person } from '../domain/person.js';
import { PersonRegistry } from './person-registry.port.js';

/** Reads of the MPI part (api.md §3). */
@Injectable()
export class ReadPersonUseCase {
  constructor(
    private readonly registry: PersonRegistry,
    private readonly clock: Clock,
  ) {}

  async person(id: string): Promise<Person> {
    const person = await this.registry.findById(id);
    if (!person) throw notFound("Such person doesn't exist");
    return person;
  }

  async activeMethods(id: string): Promise<AuthMethod[]> {
    const person = await this.person(id);
    const thirdIds = person.authenticationMethods
      .filter((m) => m.type === 'THIRD_PERSON' && m.value)
      .map((m) => m.value!);
    const third = await this.registry.methodsOf(thirdIds);
    return visibleMethods(person.authenticationMethods, this.clock.now(), third);
  }
}
