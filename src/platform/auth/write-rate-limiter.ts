/** What one more write of a client gets: allowed, or refused with the seconds until the next window. */
export type RateDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * A fixed-window counter per client, in memory (one process; several replicas each count on
 * their own). Windows are aligned to the minute, so `Retry-After` is the time to the next one.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    /** Past this many tracked clients, ended windows are dropped (bounded memory). */
    private readonly sweepAbove = 10_000,
  ) {}

  take(key: string, nowMs: number): RateDecision {
    const start = Math.floor(nowMs / this.windowMs) * this.windowMs;
    let window = this.windows.get(key);
    if (window === undefined || window.start !== start) {
      if (window === undefined && this.windows.size >= this.sweepAbove) this.sweep(start);
      window = { start, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((start + this.windowMs - nowMs) / 1000)),
      };
    }
    window.count += 1;
    return { allowed: true };
  }

  private sweep(currentStart: number): void {
    for (const [key, window] of this.windows) {
      if (window.start !== currentStart) this.windows.delete(key);
    }
  }
}
