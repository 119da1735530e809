import { Module } from '@nestjs/common';
import { bindPort } from '../platform/core/adapter-provider.js';
import { PersonsController } from './adapters/http/persons.controller.js';
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
