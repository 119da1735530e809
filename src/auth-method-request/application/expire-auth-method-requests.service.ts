import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AuthMethodRequestAccess } from './auth-method-request-access.js';
import { AuthMethodRequestRepository } from './auth-method-request-repository.port.js';

const SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * Stores EXPIRED on NEW requests past their TTL. Reads and actions already treat such requests
 * as expired (AuthMethodRequestAccess), so the sweep only makes storage agree.
 */
@Injectable()
export class ExpireAuthMethodRequestsService
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('AuthMethodRequestExpiry');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly requests: AuthMethodRequestRepository,
    private readonly access: AuthMethodRequestAccess,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    try {
      const count = await this.requests.expire(this.access.cutoff());
      if (count > 0) this.logger.log({ count }, 'authentication method requests expired');
      return count;
    } catch (error) {
      this.logger.warn({ err: error }, 'expiry sweep failed; will retry');
      return 0;
    }
  }
}
