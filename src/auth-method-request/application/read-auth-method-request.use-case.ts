import { Injectable } from '@nestjs/common';
import type { AuthMethodRequest } from '../domain/auth-method-request.js';
import { AuthMethodRequestAccess } from './auth-method-request-access.js';

/** GET one of the caller's authentication method requests. */
@Injectable()
export class ReadAuthMethodRequestUseCase {
  constructor(private readonly access: AuthMethodRequestAccess) {}

  get(personId: string, requestId: string, clientId: string): Promise<AuthMethodRequest> {
    return this.access.get(personId, requestId, clientId);
  }
}
