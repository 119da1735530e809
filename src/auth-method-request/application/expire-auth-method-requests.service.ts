import { Injectable } from '@nestjs/common';
import { Sweep } from '../../platform/scheduling/sweep.js';
import { AuthMethodRequestAccess } from './auth-method-request-access.js';
import { AuthMethodRequestRepository } from './auth-method-request-repository.port.js';

/**
 * Stores EXPIRED on NEW requests past their TTL, every 10 minutes. Reads and actions already
 * treat such requests as expired (AuthMethodRequestAccess), so the sweep only makes storage agree.
 */
@Injectable()
export class ExpireAuthMethodRequestsService extends Sweep {
  constructor(
    private readonly requests: AuthMethodRequestRepository,
    private readonly access: AuthMethodRequestAccess,
  ) {
    super('AuthMethodRequestExpiry', 10 * 60_000);
  }

  protected work(): Promise<number> {
    return this.requests.expire(this.access.cutoff());
  }
}
