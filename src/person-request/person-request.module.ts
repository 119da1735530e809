import { Module } from '@nestjs/common';
import { DocumentStorageModule } from '../document-storage/document-storage.module.js';
import { OtpModule } from '../otp/otp.module.js';
import { PersonModule } from '../person/person.module.js';
import { MethodVerification } from '../shared/application/method-verification.js';
import { PersonRequestsController } from './adapters/http/person-requests.controller.js';
import { TypeOrmPersonRequestRepository } from './adapters/persistence/typeorm-person-request.repository.js';
import { ApprovePersonRequestUseCase } from './application/approve-person-request.use-case.js';
import { CreatePersonRequestUseCase } from './application/create-person-request.use-case.js';
import { ExpirePersonRequestsService } from './application/expire-person-requests.service.js';
import { PersonRequestRepository } from './application/person-request.repository.js';
import { ReadPersonRequestsUseCase } from './application/read-person-requests.use-case.js';
import { RejectPersonRequestUseCase } from './application/reject-person-request.use-case.js';
import { ResendPersonRequestOtpUseCase } from './application/resend-person-request-otp.use-case.js';

const USE_CASES = [
  CreatePersonRequestUseCase,
  ReadPersonRequestsUseCase,
  ResendPersonRequestOtpUseCase,
  ApprovePersonRequestUseCase,
  RejectPersonRequestUseCase,
];

/** Person requests on the registry's v3 contract (api.md §4). */
@Module({
  imports: [PersonModule, OtpModule, DocumentStorageModule],
  controllers: [PersonRequestsController],
  providers: [
    TypeOrmPersonRequestRepository,
    { provide: PersonRequestRepository, useExisting: TypeOrmPersonRequestRepository },
    MethodVerification,
    ExpirePersonRequestsService,
    ...USE_CASES,
  ],
  exports: [...USE_CASES],
})
export class PersonRequestModule {}
