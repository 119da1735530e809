import type { Provider, Type } from '@nestjs/common';
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
export const AUTH_METHOD_REQUEST_CONTROLLERS: Type[] = [AuthMethodRequestsController];

export const AUTH_METHOD_REQUEST_PROVIDERS: Provider[] = [
  TypeOrmAuthMethodRequestRepository,
  { provide: AuthMethodRequestRepository, useExisting: TypeOrmAuthMethodRequestRepository },
  ...USE_CASES,
];
