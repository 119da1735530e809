/**
 * Delay before the next relay attempt after `failures` consecutive failures: doubles from
 * `baseMs`, never more than `capMs` (so a broker that comes back is noticed within `capMs`).
 */
export function retryDelayMs(failures: number, baseMs: number, capMs: number): number {
  if (failures <= 0) return baseMs;
  const exponent = Math.min(failures - 1, 30);
  return Math.min(capMs, baseMs * 2 ** exponent);
}
