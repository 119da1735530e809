import { Injectable } from '@nestjs/common';
import { Sweep } from '../../platform/scheduling/sweep.js';
import { PersonRequestAccess } from './person-request-access.js';
import { PersonRequestRepository } from './person-request-repository.port.js';

/**
 * Stores EXPIRED on NEW requests past their TTL, every 10 minutes. Reads and actions already
 * treat such requests as expired (PersonRequestAccess), so the sweep only makes storage agree.
 */
@Injectable()
export class ExpirePersonRequestsService extends Sweep {
  constructor(
    private readonly requests: PersonRequestRepository,
    private readonly access: PersonRequestAccess,
  ) {
    super('PersonRequestExpiry', 10 * 60_000);
  }

  protected work(): Promise<number> {
    return this.requests.expire(this.access.cutoff());
  }
}
