import { Module } from '@nestjs/common';
import { bindPort } from '../platform/core/adapter-provider.js';
import type { AppConfig } from '../platform/config/app-config.js';
import { APP_CONFIG } from '../platform/config/config.tokens.js';
import { PersonSearchController } from './adapters/http/person-search.controller.js';
import { PersonsController } from './adapters/http/persons.controller.js';
import { TypeOrmPersonFinder } from './adapters/persistence/typeorm-person-finder.js';
import { TypeOrmPersonRegistry } from './adapters/persistence/typeorm-person-registry.js';
import { TypeOrmRegisterVerifications } from './adapters/persistence/typeorm-register-verifications.js';
import { PersonFinder } from './application/person-finder.port.js';
import { PersonRegistry } from './application/person-registry.port.js';
import {
  PERSON_SEARCH_SETTINGS,
  type PersonSearchSettings,
} from './application/person-search.settings.js';
import { ReadPersonUseCase } from './application/read-person.use-case.js';
import { ReadPersonVerificationUseCase } from './application/read-person-verification.use-case.js';
import { RecordRegisterVerificationUseCase } from './application/record-register-verification.use-case.js';
import { RegisterVerifications } from './application/register-verifications.port.js';
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
    TypeOrmRegisterVerifications,
    bindPort(RegisterVerifications, {
      inject: [TypeOrmRegisterVerifications],
      useFactory: (results: TypeOrmRegisterVerifications) => results,
    }),
    RegisterPersonUseCase,
    ReadPersonUseCase,
    SearchPersonsUseCase,
    ReadPersonVerificationUseCase,
    RecordRegisterVerificationUseCase,
  ],
  exports: [
    PersonRegistry,
    RegisterVerifications,
    RegisterPersonUseCase,
    ReadPersonUseCase,
    SearchPersonsUseCase,
    ReadPersonVerificationUseCase,
    RecordRegisterVerificationUseCase,
  ],
})
export class PersonModule {}

@Module({ imports: [PersonModule], controllers: [PersonsController, PersonSearchController] })
export class PersonHttpModule {}
