import { SmsBudget } from '../../../src/otp/application/sms-budget.port.js';
import { ERRORS } from '../../../src/kernel/domain/error-catalogue.js';
import { fail } from '../../../src/kernel/domain/errors.js';
import { CallJournal } from './call-journal.js';

/**
 * A client's SMS budget in memory: `limit` codes counted at once per client (the hour's window is
 * the domain's rule, tested on its own); a refusal is the port's DomainError 'rate_limited', and
 * a release takes its one count back (twice is once, as the adapter's DELETE by id is).
 */
export class FakeSmsBudget extends SmsBudget {
  /** Every reservation made, released or not. */
  readonly reservations: { readonly clientId: string; readonly at: Date; released: boolean }[] = [];
  refusals = 0;

  constructor(
    private readonly limit = Number.POSITIVE_INFINITY,
    private readonly journal = new CallJournal(),
    private readonly retryAfterSeconds = 1800,
  ) {
    super();
  }

  /** Codes counted for the client now (reserved and not released). */
  counted(clientId: string): number {
    return this.reservations.filter((r) => r.clientId === clientId && !r.released).length;
  }

  reserve(clientId: string, now: Date): Promise<() => Promise<void>> {
    this.journal.record('budget.reserve', clientId);
    if (this.counted(clientId) >= this.limit) {
      this.refusals += 1;
      return Promise.reject(fail(ERRORS.smsLimit, this.retryAfterSeconds));
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
