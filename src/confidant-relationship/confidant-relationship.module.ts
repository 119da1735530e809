import { Module } from '@nestjs/common';
import type { AppConfig } from '../platform/config/app-config.js';
import { APP_CONFIG } from '../platform/config/config.tokens.js';
import { RequestLifecycleModule } from '../request-lifecycle/request-lifecycle.module.js';
import { ConfidantRequestsController } from './adapters/http/confidant-requests.controller.js';
import { RelationshipsController } from './adapters/http/relationships.controller.js';
import { TypeOrmConfidantRequestRepository } from './adapters/persistence/typeorm-confidant-request.repository.js';
import { TypeOrmRelationshipRepository } from './adapters/persistence/typeorm-relationship.repository.js';
import { ApproveConfidantRequestUseCase } from './application/approve-confidant-request.use-case.js';
import { ConfidantRequestRepository } from './application/confidant-request-repository.port.js';
import { ConfidantRequests } from './application/confidant-requests.js';
import { CONFIDANT_SETTINGS, type ConfidantSettings } from './application/confidant.settings.js';
import { CreateConfidantRequestUseCase } from './application/create-confidant-request.use-case.js';
import { ReadConfidantUseCase } from './application/read-confidant.use-case.js';
import { RelationshipRepository } from './application/relationship-repository.port.js';
import { RelationshipStarter } from './application/relationship-starter.js';
import { ResendConfidantRequestOtpUseCase } from './application/resend-confidant-request-otp.use-case.js';
import { SignConfidantRequestUseCase } from './application/sign-confidant-request.use-case.js';

const USE_CASES = [
  CreateConfidantRequestUseCase,
  ReadConfidantUseCase,
  ApproveConfidantRequestUseCase,
  SignConfidantRequestUseCase,
  ResendConfidantRequestOtpUseCase,
];

/**
 * Confidant person relationships: the requests that start (INSERT) or end (DEACTIVATE) one, on
 * the request lifecycle, and the relationships themselves. Exports the use cases and
 * RelationshipStarter, the port through which a signed person request starts the relationship
 * its `confidant_person` names.
 */
@Module({
  imports: [RequestLifecycleModule],
  providers: [
    {
      provide: CONFIDANT_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): ConfidantSettings => ({
        ttlHours: config.confidantRequestTtlHours,
        maxConfidants: config.confidantPersonsMax,
        noSelfAuthAge: config.noSelfAuthAge,
        thirdPersonTermYears: config.thirdPersonTermYears,
      }),
    },
    TypeOrmConfidantRequestRepository,
    { provide: ConfidantRequestRepository, useExisting: TypeOrmConfidantRequestRepository },
    TypeOrmRelationshipRepository,
    { provide: RelationshipRepository, useExisting: TypeOrmRelationshipRepository },
    ConfidantRequests,
    RelationshipStarter,
    ...USE_CASES,
  ],
  exports: [...USE_CASES, RelationshipStarter],
})
export class ConfidantRelationshipModule {}

@Module({
  imports: [ConfidantRelationshipModule, RequestLifecycleModule],
  controllers: [ConfidantRequestsController, RelationshipsController],
})
export class ConfidantRelationshipHttpModule {}
