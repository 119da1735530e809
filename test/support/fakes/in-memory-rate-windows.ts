import { RateWindows } from '../../../src/platform/rate-limit/rate-windows.js';

/**
 * The shared window counts in memory, leased as the PostgreSQL adapter leases them: what is left
 * of the wanted slots, never past the limit, 0 once the window is full. Records every lease, so
 * that a test can see how many round trips the database would have had.
 */
export class InMemoryRateWindows extends RateWindows {
  private readonly counts = new Map<string, number>();
  readonly leases: { limitName: string; clientId: string; wanted: number; granted: number }[] = [];

  lease(
    limitName: string,
    clientId: string,
    windowStart: Date,
    wanted: number,
    limit: number,
  ): Promise<number> {
    const key = windowKey(limitName, clientId, windowStart);
    const used = this.counts.get(key) ?? 0;
    const granted = Math.max(0, Math.min(wanted, limit - used));
    this.counts.set(key, used + granted);
    this.leases.push({ limitName, clientId, wanted, granted });
    return Promise.resolve(granted);
  }

  /** The count of one window, 0 before its first lease. */
  used(limitName: string, clientId: string, windowStart: Date): number {
    return this.counts.get(windowKey(limitName, clientId, windowStart)) ?? 0;
  }
}

/** One key per limit, client and window however their names are spelt (as the table's key). */
function windowKey(limitName: string, clientId: string, windowStart: Date): string {
  return JSON.stringify([limitName, clientId, windowStart.toISOString()]);
}
