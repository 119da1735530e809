import { SmsBudget } from '../../../src/otp/application/sms-budget.port.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import { fail } from '../../../src/kernel/domain/errors.js';
import { budgetDecision, budgetWindowStart } from '../../../src/otp/domain/sms-budget.js';
import { CallJournal } from './call-journal.js';

/**
 * A client's SMS budget in memory: `limit` codes per client in any hour, by the domain's rule as
 * the adapter applies it; a refusal is the port's DomainError 'rate_limited' with the rule's
 * Retry-After, and a release takes its one count back (twice is once, as the adapter's DELETE by
 * id is). A limit of 0 is no budget, as SMS_PER_CLIENT_PER_HOUR=0 is: nothing is counted and
 * nothing refused. `exhausted()` refuses every code, for the tests of a refusal.
 */
export class FakeSmsBudget extends SmsBudget {
  /** Every reservation made, released or not (none while there is no budget). */
  readonly reservations: { readonly clientId: string; readonly at: Date; released: boolean }[] = [];
  refusals = 0;
  private refuseAll = false;

  constructor(
    private readonly limit = Number.POSITIVE_INFINITY,
    private readonly journal = new CallJournal(),
    /** What `exhausted()` refusals answer as Retry-After. */
    private readonly retryAfterSeconds = 1800,
  ) {
    super();
  }

  /** From now on every code is refused, as past a spent budget. */
  exhausted(): this {
    this.refuseAll = true;
    return this;
  }

  /** Codes counted for the client now (reserved and not released). */
  counted(clientId: string): number {
    return this.reservations.filter((r) => r.clientId === clientId && !r.released).length;
  }

  reserve(clientId: string, now: Date): Promise<() => Promise<void>> {
    this.journal.record('budget.reserve', clientId);
    if (this.refuseAll) {
      this.refusals += 1;
      return Promise.reject(fail(ERRORS.smsLimit, this.retryAfterSeconds));
    }
    if (this.limit <= 0) return Promise.resolve(() => Promise.resolve());
    const since = budgetWindowStart(now).getTime();
    const live = this.reservations.filter(
      (r) => r.clientId === clientId && !r.released && r.at.getTime() > since,
    );
    const oldest = live.reduce<Date | null>((min, r) => (min && min <= r.at ? min : r.at), null);
    const decision = budgetDecision(live.length, oldest, this.limit, now);
    if (!decision.allowed) {
      this.refusals += 1;
      return Promise.reject(fail(ERRORS.smsLimit, decision.retryAfterSeconds));
    }
    const reservation = { clientId, at: new Date(now.getTime()), released: false };
    this.reservations.push(reservation);
    return Promise.resolve(() => {
      this.journal.record('budget.release', clientId);
      reservation.released = true;
      return Promise.resolve();
    });
  }
}
