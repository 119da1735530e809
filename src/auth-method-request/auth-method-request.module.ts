import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import type { AppConfig } from '../platform/config/app-config.js';
import { APP_CONFIG } from '../platform/config/config.tokens.js';
import { RequestLifecycleModule } from '../request-lifecycle/request-lifecycle.module.js';
import { AuthMethodRequestsController } from './adapters/http/auth-method-requests.controller.js';
import { TypeOrmAuthMethodRequestRepository } from './adapters/persistence/typeorm-auth-method-request.repository.js';
import { ApproveAuthMethodRequestUseCase } from './application/approve-auth-method-request.use-case.js';
import { AuthMethodRequestRepository } from './application/auth-method-request-repository.port.js';
import {
  AUTH_METHOD_REQUEST_SETTINGS,
  type AuthMethodRequestSettings,
} from './application/auth-method-request.settings.js';
import { CreateAuthMethodRequestUseCase } from './application/create-auth-method-request.use-case.js';
import { AuthMethodRequests } from './application/auth-method-requests.js';
import { ReadAuthMethodRequestUseCase } from './application/read-auth-method-request.use-case.js';
import { ResendAuthMethodRequestOtpUseCase } from './application/resend-auth-method-request-otp.use-case.js';

const USE_CASES = [
  CreateAuthMethodRequestUseCase,
  ReadAuthMethodRequestUseCase,
  ResendAuthMethodRequestOtpUseCase,
  ApproveAuthMethodRequestUseCase,
];

/** Authentication method requests: insert, update or deactivate a person's method. */
@Module({
  imports: [RequestLifecycleModule, EventsModule],
  providers: [
    {
      provide: AUTH_METHOD_REQUEST_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): AuthMethodRequestSettings => ({
        noSelfAuthAge: config.noSelfAuthAge,
        thirdPersonTermYears: config.thirdPersonTermYears,
        ttlHours: config.authMethodRequestTtlHours,
      }),
    },
    TypeOrmAuthMethodRequestRepository,
    { provide: AuthMethodRequestRepository, useExisting: TypeOrmAuthMethodRequestRepository },
    AuthMethodRequests,
    ...USE_CASES,
  ],
  exports: USE_CASES,
})
export class AuthMethodRequestModule {}

@Module({
  imports: [AuthMethodRequestModule, RequestLifecycleModule],
  controllers: [AuthMethodRequestsController],
})
export class AuthMethodRequestHttpModule {}
