import type { Provider, Type } from '@nestjs/common';
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
export const PERSON_REQUEST_CONTROLLERS: Type[] = [PersonRequestsController];

export const PERSON_REQUEST_PROVIDERS: Provider[] = [
  TypeOrmPersonRequestRepository,
  { provide: PersonRequestRepository, useExisting: TypeOrmPersonRequestRepository },
  ExpirePersonRequestsService,
  ...USE_CASES,
];
