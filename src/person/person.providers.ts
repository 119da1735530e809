import type { Provider, Type } from '@nestjs/common';
import { TypeOrmPersonRegistry } from './adapters/persistence/typeorm-person-registry.js';
import { PersonsController } from './adapters/http/persons.controller.js';
import { PersonRegistry } from './application/person-registry.port.js';
import { ReadPersonUseCase } from './application/read-person.use-case.js';
import { RegisterPersonUseCase } from './application/register-person.use-case.js';

/** The MPI part: persons, documents, authentication methods, verification status. */
export const PERSON_CONTROLLERS: Type[] = [PersonsController];

export const PERSON_PROVIDERS: Provider[] = [
  TypeOrmPersonRegistry,
  { provide: PersonRegistry, useExisting: TypeOrmPersonRegistry },
  RegisterPersonUseCase,
  ReadPersonUseCase,
];
