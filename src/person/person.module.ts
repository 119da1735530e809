import { Module } from '@nestjs/common';
import { TypeOrmPersonRegistry } from './adapters/persistence/typeorm-person-registry.js';
import { PersonsController } from './adapters/http/persons.controller.js';
import { PersonRegistry } from './application/person-registry.port.js';
import { ReadPersonUseCase } from './application/read-person.use-case.js';
import { RegisterPersonUseCase } from './application/register-person.use-case.js';

/** The MPI part: persons, documents, authentication methods, verification status. */
@Module({
  controllers: [PersonsController],
  providers: [
    TypeOrmPersonRegistry,
    { provide: PersonRegistry, useExisting: TypeOrmPersonRegistry },
    RegisterPersonUseCase,
    ReadPersonUseCase,
  ],
  exports: [PersonRegistry, ReadPersonUseCase, RegisterPersonUseCase],
})
export class PersonModule {}
