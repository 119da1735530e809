/** What one more call of a client gets: allowed, or refused with the seconds until the next window. */
export type RateDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export const WINDOW_MS = 60_000;

/** The fixed window holding `nowMs` (aligned to the minute) and the whole seconds left in it. */
export function windowAt(
  nowMs: number,
  windowMs = WINDOW_MS,
): { readonly start: number; readonly retryAfterSeconds: number } {
  const start = Math.floor(nowMs / windowMs) * windowMs;
  return { start, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000)) };
}

/**
 * Port: the slots of every client's one-minute windows, one count per limit, client and window,
 * shared by every instance of the service. The count never passes the limit it is given.
 */
export abstract class RateWindows {
  /**
   * Takes up to `wanted` slots of the client's window for `limitName`, never more than leave the
   * window's count at or below `limit`; resolves to how many it took (0 when the window is full).
   * Atomic: concurrent calls of any instance never hand out the same slot twice.
   */
  abstract lease(
    limitName: string,
    clientId: string,
    windowStart: Date,
    wanted: number,
    limit: number,
  ): Promise<number>;
}
