import { Injectable } from '@nestjs/common';
import type { AuthMethodRequest } from '../domain/auth-method-request.js';
import { AuthMethodRequests } from './auth-method-requests.js';

/** GET one of the caller's authentication method requests. */
@Injectable()
export class ReadAuthMethodRequestUseCase {
  constructor(private readonly requests: AuthMethodRequests) {}

  get(personId: string, requestId: string, clientId: string): Promise<AuthMethodRequest> {
    return this.requests.get(requestId, clientId, this.requests.of(personId));
  }
}
