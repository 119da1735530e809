/**
 * Port: the SMS budget of each MIS client, shared by every instance. `reserve` counts one code
 * for the client or refuses (DomainError 'rate_limited' with Retry-After); the returned release
 * takes the count back when the code was not sent after all.
 */
export abstract class SmsBudget {
  abstract reserve(clientId: string, now: Date): Promise<() => Promise<void>>;
}

export interface SmsBudgetSettings {
  /** Codes per client per rolling hour; 0 = no budget. */
  readonly perHour: number;
}

export const SMS_BUDGET_SETTINGS = Symbol('SMS_BUDGET_SETTINGS');
