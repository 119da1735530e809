import { Module } from '@nestjs/common';
import { bindPort } from '../platform/core/adapter-provider.js';
import type { AppConfig } from '../platform/config/app-config.js';
import { APP_CONFIG } from '../platform/config/config.tokens.js';
import { PersonSearchController } from './adapters/http/person-search.controller.js';
import { PersonsController } from './adapters/http/persons.controller.js';
import { TypeOrmPersonFinder } from './adapters/persistence/typeorm-person-finder.js';
import { TypeOrmPersonRegistry } from './adapters/persistence/typeorm-person-registry.js';
import { PersonFinder } from './application/person-finder.port.js';
import { PersonRegistry } from './application/person-registry.port.js';
import {
  PERSON_SEARCH_SETTINGS,
  type PersonSearchSettings,
} from './application/person-search.settings.js';
import { ReadPersonUseCase } from './application/read-person.use-case.js';
import { RegisterPersonUseCase } from './application/register-person.use-case.js';
import { SearchPersonsUseCase } from './application/search-persons.use-case.js';

/** The registry part of the MPI: persons, documents, authentication methods, verification, search. */
@Module({
  providers: [
    TypeOrmPersonRegistry,
    bindPort(PersonRegistry, {
      inject: [TypeOrmPersonRegistry],
      useFactory: (registry: TypeOrmPersonRegistry) => registry,
    }),
    TypeOrmPersonFinder,
    bindPort(PersonFinder, {
      inject: [TypeOrmPersonFinder],
      useFactory: (finder: TypeOrmPersonFinder) => finder,
    }),
    {
      provide: PERSON_SEARCH_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): PersonSearchSettings => ({
        maxResults: config.personSearchMaxResults,
      }),
    },
    RegisterPersonUseCase,
    ReadPersonUseCase,
    SearchPersonsUseCase,
  ],
  exports: [PersonRegistry, RegisterPersonUseCase, ReadPersonUseCase, SearchPersonsUseCase],
})
export class PersonModule {}

@Module({ imports: [PersonModule], controllers: [PersonsController, PersonSearchController] })
export class PersonHttpModule {}
