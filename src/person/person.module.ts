import { Module } from '@nestjs/common';
import { bindPort } from '../platform/core/adapter-provider.js';
import { PersonsController } from './adapters/http/persons.controller.js';
import { OneActiveOwnMethod1764500000001 } from './adapters/persistence/migrations/1764500000001-one-active-own-method.js';
import { PERSON_ORM_ENTITIES } from './adapters/persistence/person.orm-entity.js';
import { TypeOrmPersonRegistry } from './adapters/persistence/typeorm-person-registry.js';
import { PersonRegistry } from './application/person-registry.port.js';
import { ReadPersonUseCase } from './application/read-person.use-case.js';
import { RegisterPersonUseCase } from './application/register-person.use-case.js';

/** The registry part of the MPI: persons, documents, authentication methods, verification. */
@Module({
  providers: [
    TypeOrmPersonRegistry,
    bindPort(PersonRegistry, {
      inject: [TypeOrmPersonRegistry],
      useFactory: (registry: TypeOrmPersonRegistry) => registry,
    }),
    RegisterPersonUseCase,
    ReadPersonUseCase,
  ],
  exports: [PersonRegistry, RegisterPersonUseCase, ReadPersonUseCase],
})
export class PersonModule {}

@Module({ imports: [PersonModule], controllers: [PersonsController] })
export class PersonHttpModule {}

/** The tables of this feature, handed to the database module by the composition root. */
export const PERSON_PERSISTENCE = {
  entities: [...PERSON_ORM_ENTITIES],
  migrations: [OneActiveOwnMethod1764500000001],
};
