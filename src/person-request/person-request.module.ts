import { Module } from '@nestjs/common';
import type { AppConfig } from '../platform/config/app-config.js';
import { APP_CONFIG } from '../platform/config/config.tokens.js';
import { ConfidantRelationshipModule } from '../confidant-relationship/confidant-relationship.module.js';
import { RequestLifecycleModule } from '../request-lifecycle/request-lifecycle.module.js';
import { PersonRequestsController } from './adapters/http/person-requests.controller.js';
import { V2PersonRequestsController } from './adapters/http/v2-person-requests.controller.js';
import { TypeOrmPersonRequestRepository } from './adapters/persistence/typeorm-person-request.repository.js';
import { ApprovePersonRequestUseCase } from './application/approve-person-request.use-case.js';
import { CreatePersonRequestUseCase } from './application/create-person-request.use-case.js';
import { PersonRequestRepository } from './application/person-request-repository.port.js';
import {
  PERSON_REQUEST_SETTINGS,
  type PersonRequestSettings,
} from './application/person-request.settings.js';
import { PersonRequests } from './application/person-requests.js';
import { PersonWriter } from './application/person-writer.js';
import { ReadPersonRequestsUseCase } from './application/read-person-requests.use-case.js';
import { RejectPersonRequestUseCase } from './application/reject-person-request.use-case.js';
import { ResendPersonRequestOtpUseCase } from './application/resend-person-request-otp.use-case.js';
import { SignPersonRequestUseCase } from './application/sign-person-request.use-case.js';

const USE_CASES = [
  CreatePersonRequestUseCase,
  ReadPersonRequestsUseCase,
  ResendPersonRequestOtpUseCase,
  ApprovePersonRequestUseCase,
  SignPersonRequestUseCase,
  RejectPersonRequestUseCase,
];

/**
 * Person requests on the registry's v2 and v3 contracts, one domain for both: create, resend,
 * approve, sign, reject, the lists.
 */
@Module({
  imports: [RequestLifecycleModule, ConfidantRelationshipModule],
  providers: [
    {
      provide: PERSON_REQUEST_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): PersonRequestSettings => ({
        ttlDays: config.personRequestTtlDays,
        noSelfAuthAge: config.noSelfAuthAge,
        thirdPersonTermYears: config.thirdPersonTermYears,
      }),
    },
    TypeOrmPersonRequestRepository,
    { provide: PersonRequestRepository, useExisting: TypeOrmPersonRequestRepository },
    PersonRequests,
    PersonWriter,
    ...USE_CASES,
  ],
  exports: [...USE_CASES, PERSON_REQUEST_SETTINGS],
})
export class PersonRequestModule {}

@Module({
  imports: [PersonRequestModule, RequestLifecycleModule],
  controllers: [PersonRequestsController, V2PersonRequestsController],
})
export class PersonRequestHttpModule {}
