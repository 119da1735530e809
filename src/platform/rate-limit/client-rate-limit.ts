import type { Clock } from '../../kernel/application/clock.port.js';
import { RateWindows, windowAt, type RateDecision } from './rate-windows.js';

const ALLOWED: RateDecision = { allowed: true };

/** What this instance holds of one client's current window. */
interface Lease {
  /** Slots leased from the shared count and not used yet. */
  remaining: number;
  /** The shared count said the window is full: it stays full until the window ends. */
  full: boolean;
}

/**
 * One per-client limit of calls per minute, shared by every instance: each instance leases slots
 * of the client's current window from the shared count (RateWindows) in blocks of `block`, and
 * serves calls from its lease until it is used up, so that only one call in `block` costs a round
 * trip to the database. Every slot handed out was counted first, so the limit is never passed
 * across instances; the price is that a client may be refused a little early while another
 * instance still holds unused slots (at most `block` − 1 per instance, only until the window
 * ends). A refusal is remembered until the window ends: a client over its limit costs no round
 * trip either. With `block` 1 every call is counted exactly when it is made.
 */
export class ClientRateLimit {
  private readonly leases = new Map<string, Lease>();
  private windowStart = 0;

  constructor(
    /** The limit's name in the shared count. */
    readonly name: string,
    /** Calls per client per minute; 0 = no limit. */
    readonly perMinute: number,
    readonly block: number,
    private readonly windows: RateWindows,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  /** Takes one slot of the client's current window, or says how long until the next one. */
  async take(clientId: string): Promise<RateDecision> {
    const { start, retryAfterSeconds } = windowAt(this.clock.now().getTime());
    const lease = this.leaseOf(clientId, start);
    if (this.fromLease(lease)) return ALLOWED;
    if (!lease.full) {
      // Concurrent calls that find the lease empty each lease a block: what one does not use
      // stays with this instance for the next calls, and none waits for another's round trip.
      const granted = await this.windows.lease(
        this.name,
        clientId,
        new Date(start),
        this.block,
        this.perMinute,
      );
      if (granted > 0) {
        lease.remaining += granted - 1;
        return ALLOWED;
      }
      lease.full = true;
      // Slots that concurrent calls leased while this one waited are this instance's too.
      if (this.fromLease(lease)) return ALLOWED;
    }
    return { allowed: false, retryAfterSeconds };
  }

  private fromLease(lease: Lease): boolean {
    if (lease.remaining === 0) return false;
    lease.remaining -= 1;
    return true;
  }

  private leaseOf(clientId: string, start: number): Lease {
    // Leases of ended windows are worth nothing: forget them all when a new window begins.
    if (start !== this.windowStart) {
      this.leases.clear();
      this.windowStart = start;
    }
    let lease = this.leases.get(clientId);
    if (lease === undefined) {
      lease = { remaining: 0, full: false };
      this.leases.set(clientId, lease);
    }
    return lease;
  }
}
