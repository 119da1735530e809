import { Sweep } from '../../platform/scheduling/sweep.js';

const EVERY_TEN_MINUTES = 10 * 60_000;

/**
 * Stores the expiry of a kind's requests past their TTL, every 10 minutes. Reads and actions
 * already treat such requests as expired, so the sweep only makes storage agree.
 */
export class RequestExpirySweep extends Sweep {
  constructor(
    kind: string,
    private readonly expire: () => Promise<number>,
  ) {
    super(`RequestExpiry:${kind}`, EVERY_TEN_MINUTES, { taskName: `${kind}-expiry` });
  }

  protected work(): Promise<number> {
    return this.expire();
  }
}
