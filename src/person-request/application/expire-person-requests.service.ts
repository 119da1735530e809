import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PersonRequestRepository } from './person-request.repository.js';
import { ReadPersonRequestsUseCase } from './read-person-requests.use-case.js';

const SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * Writes EXPIRED on NEW requests older than PERSON_REQUEST_TTL_DAYS. Reads and actions already
 * treat such requests as expired (effectiveStatus), so the sweep only makes storage agree.
 */
@Injectable()
export class ExpirePersonRequestsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PersonRequestExpiry');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly requests: PersonRequestRepository,
    private readonly reads: ReadPersonRequestsUseCase,
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
      const count = await this.requests.expire(this.reads.expiredBefore());
      if (count > 0) this.logger.log({ count }, 'person requests expired');
      return count;
    } catch (error) {
      this.logger.warn({ err: error }, 'expiry sweep failed; will retry');
      return 0;
    }
  }
}
