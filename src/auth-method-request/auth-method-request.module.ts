import { Module } from '@nestjs/common';
import { DocumentStorageModule } from '../document-storage/document-storage.module.js';
import { EventsModule } from '../events/events.module.js';
import { OtpModule } from '../otp/otp.module.js';
import { PersonModule } from '../person/person.module.js';
import { MethodVerification } from '../shared/application/method-verification.js';
import { AuthMethodRequestsController } from './adapters/http/auth-method-requests.controller.js';
import { TypeOrmAuthMethodRequestRepository } from './adapters/persistence/typeorm-auth-method-request.repository.js';
import { ApproveAuthMethodRequestUseCase } from './application/approve-auth-method-request.use-case.js';
import { AuthMethodRequestRepository } from './application/auth-method-request.repository.js';
import { CreateAuthMethodRequestUseCase } from './application/create-auth-method-request.use-case.js';
import { ReadAuthMethodRequestUseCase } from './application/read-auth-method-request.use-case.js';

const USE_CASES = [
  CreateAuthMethodRequestUseCase,
  ReadAuthMethodRequestUseCase,
  ApproveAuthMethodRequestUseCase,
];

/** Authentication method requests (api.md §5). */
@Module({
  imports: [PersonModule, OtpModule, DocumentStorageModule, EventsModule],
  controllers: [AuthMethodRequestsController],
  providers: [
    TypeOrmAuthMethodRequestRepository,
    { provide: AuthMethodRequestRepository, useExisting: TypeOrmAuthMethodRequestRepository },
    MethodVerification,
    ...USE_CASES,
  ],
  exports: [...USE_CASES],
})
export class AuthMethodRequestModule {}
