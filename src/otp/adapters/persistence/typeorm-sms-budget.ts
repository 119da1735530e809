import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fail } from '../../../kernel/domain/errors.js';
import {
  SMS_BUDGET_SETTINGS,
  SmsBudget,
  type SmsBudgetSettings,
} from '../../application/sms-budget.port.js';
import { budgetDecision, budgetWindowStart } from '../../domain/sms-budget.js';
import { OTP_ERRORS } from '../../domain/otp-errors.js';

/** Namespace of the budget's advisory locks (the second key is the client's hash). */
const LOCK_NAMESPACE = 7302;

/**
 * The SMS budget in PostgreSQL: one row per code counted. A client's reservations are
 * serialized by an advisory lock held for the few statements of one transaction, so concurrent
 * sends from any number of instances never count past the limit. Each reservation runs in its
 * own short transaction, not the caller's: the send that follows it is a network call.
 */
@Injectable()
export class TypeOrmSmsBudget extends SmsBudget {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SMS_BUDGET_SETTINGS) private readonly settings: SmsBudgetSettings,
  ) {
    super();
  }

  async reserve(clientId: string, now: Date): Promise<() => Promise<void>> {
    if (this.settings.perHour <= 0) return () => Promise.resolve();
    const id = randomUUID();
    const windowStart = budgetWindowStart(now);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        LOCK_NAMESPACE,
        clientId,
      ]);
      // Codes that no longer count are forgotten: the table holds at most an hour per client.
      await manager.query(`DELETE FROM sms_budget_entries WHERE client_id = $1 AND sent_at <= $2`, [
        clientId,
        windowStart,
      ]);
      const [row] = await manager.query<{ count: number; oldest: Date | null }[]>(
        `SELECT count(*)::int AS count, min(sent_at) AS oldest
           FROM sms_budget_entries WHERE client_id = $1`,
        [clientId],
      );
      const decision = budgetDecision(row.count, row.oldest, this.settings.perHour, now);
      if (!decision.allowed) throw fail(OTP_ERRORS.smsLimit, decision.retryAfterSeconds);
      await manager.query(
        `INSERT INTO sms_budget_entries (id, client_id, sent_at) VALUES ($1, $2, $3)`,
        [id, clientId, now],
      );
    });
    return async () => {
      await this.dataSource.query(`DELETE FROM sms_budget_entries WHERE id = $1`, [id]);
    };
  }
}
