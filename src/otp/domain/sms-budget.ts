/** What one more code of a client gets under its budget of codes per rolling hour. */
export type BudgetDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export const BUDGET_WINDOW_MS = 3_600_000;

/**
 * A client may cause at most `limit` codes in any hour: with `countInWindow` codes sent after
 * `now − 1 h`, the oldest at `oldestInWindow`, one more is allowed while the count is below the
 * limit; otherwise it may retry once the oldest counted code is an hour old. `limit` 0 = no budget.
 */
export function budgetDecision(
  countInWindow: number,
  oldestInWindow: Date | null,
  limit: number,
  now: Date,
): BudgetDecision {
  if (limit <= 0 || countInWindow < limit) return { allowed: true };
  const freesAt = (oldestInWindow?.getTime() ?? now.getTime()) + BUDGET_WINDOW_MS;
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000)),
  };
}

/** Codes sent at or before this instant no longer count. */
export function budgetWindowStart(now: Date): Date {
  return new Date(now.getTime() - BUDGET_WINDOW_MS);
}
