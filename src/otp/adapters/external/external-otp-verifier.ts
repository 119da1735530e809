import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../../kernel/application/clock.port.js';
import { rateLimited } from '../../../kernel/domain/errors.js';
import { DATABASE_TIMEOUTS } from '../../../platform/database/data-source-options.js';
import { databaseErrorCode } from '../../../platform/database/database-errors.js';
import { NotSent } from '../../application/not-sent.js';
import {
  OtpVerifier,
  type OtpCompletion,
  type OtpVerification,
} from '../../application/otp-verifier.port.js';
import type { OtpPurpose } from '../../domain/otp-purpose.js';
import { RESEND_TOO_SOON_TEXT } from '../../domain/otp-rules.js';
import { holdsTheCode, secondsBeforeSending, type CodeHolder } from '../../domain/shared-code.js';
import type { RegistryOtpService } from '../http/http-otp-verifier.js';

/** Namespace of this adapter's advisory locks (the second key is the phone's hash). */
const LOCK_NAMESPACE = 7303;
const LOCK_NOT_AVAILABLE = '55P03';
/** Room for the statements around the call, beyond the call's own timeout. */
const LOCK_MARGIN_MS = 2_000;

export interface ExternalOtpSettings {
  /** The timeout of one call to the service (OTP_TIMEOUT_MS): the longest a phone stays locked. */
  readonly timeoutMs: number;
}

/**
 * The port's purposes on an OTP service that keeps one code per phone (the registry's, over
 * HTTP), which knows nothing of them. The table `otp_code_holders`, shared by every instance,
 * remembers for each phone which purpose and client the service's code was sent for, and until
 * when it lives (docs/domain-rules.md, OTP verification):
 * - a completion reaches the service only when the phone's code is of the caller's purpose;
 *   otherwise it answers 'not_found' and spends no attempt of another purpose's code;
 * - a phone verification is refused (429, Retry-After until that code's expiry) while another
 *   client's code is live; a request's code is sent anyway (shared-code.ts says why);
 * - a used code is no longer live: its row goes.
 *
 * Each call holds a per-phone advisory lock for its duration, the call to the service included
 * (sends exclusive, completions shared), so the table's order of codes is the service's: no
 * completion can reach the service in the moment another purpose's code replaces the one it
 * checked. The price is one pooled connection per call in flight, at most OTP_TIMEOUT_MS each.
 */
export class ExternalOtpVerifier extends OtpVerifier {
  constructor(
    private readonly service: RegistryOtpService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly settings: ExternalOtpSettings,
  ) {
    super();
  }

  async initialize(phoneNumber: string, purpose: OtpPurpose): Promise<OtpVerification> {
    let calling = false;
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.lockPhone(manager, phoneNumber, 'pg_advisory_xact_lock');
        const wait = secondsBeforeSending(
          await holderOf(manager, phoneNumber),
          purpose,
          this.clock.now(),
        );
        if (wait > 0) throw new NotSent(rateLimited(RESEND_TOO_SOON_TEXT, wait));
        calling = true;
        const verification = await this.service.initialize(phoneNumber);
        await manager.query(
          `INSERT INTO otp_code_holders (phone_number, purpose, client_id, live_until, sent_at)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (phone_number) DO UPDATE SET purpose = EXCLUDED.purpose,
             client_id = EXCLUDED.client_id, live_until = EXCLUDED.live_until,
             sent_at = EXCLUDED.sent_at`,
          [
            phoneNumber,
            purpose.key,
            purpose.clientId,
            verification.codeExpiredAt,
            this.clock.now(),
          ],
        );
        return verification;
      });
    } catch (error) {
      if (error instanceof NotSent) throw error;
      if (!calling) {
        // Nothing left for the service: the lock or the table failed first.
        throw new NotSent(this.busyOr(error));
      }
      // The service's failure of unknown outcome, or a write after its code went out.
      throw error;
    }
  }

  async complete(phoneNumber: string, purpose: OtpPurpose, code: string): Promise<OtpCompletion> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockPhone(manager, phoneNumber, 'pg_advisory_xact_lock_shared');
      if (!holdsTheCode(await holderOf(manager, phoneNumber), purpose)) {
        return { ok: false, reason: 'not_found' };
      }
      const result = await this.service.complete(phoneNumber, code);
      if (result.ok) {
        await manager.query(
          `DELETE FROM otp_code_holders WHERE phone_number = $1 AND purpose = $2`,
          [phoneNumber, purpose.key],
        );
      }
      return result;
    });
  }

  isVerified(phoneNumber: string): Promise<boolean> {
    return this.service.isVerified(phoneNumber);
  }

  /**
   * Waits for the calls in flight on the phone, each bounded by the service's timeout: the
   * connection's own lock limit (and, for a long OTP_TIMEOUT_MS, its statement limit) would cut
   * that wait short, so this transaction sets its own.
   */
  private async lockPhone(manager: EntityManager, phoneNumber: string, fn: string): Promise<void> {
    const waitMs = this.settings.timeoutMs + LOCK_MARGIN_MS;
    const statementMs = Math.max(waitMs, DATABASE_TIMEOUTS.statementTimeoutMs);
    await manager.query(
      `SELECT set_config('lock_timeout', $1, true), set_config('statement_timeout', $2, true)`,
      [`${waitMs}ms`, `${statementMs}ms`],
    );
    await manager.query(`SELECT ${fn}($1, hashtext($2))`, [LOCK_NAMESPACE, phoneNumber]);
  }

  /** A phone still busy past the wait is too many codes at once; anything else is as it came. */
  private busyOr(error: unknown): Error {
    if (databaseErrorCode(error) === LOCK_NOT_AVAILABLE) {
      return rateLimited(RESEND_TOO_SOON_TEXT, Math.ceil(this.settings.timeoutMs / 1000));
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}

async function holderOf(manager: EntityManager, phoneNumber: string): Promise<CodeHolder | null> {
  const rows = await manager.query<{ purpose: string; client_id: string; live_until: Date }[]>(
    `SELECT purpose, client_id, live_until FROM otp_code_holders WHERE phone_number = $1`,
    [phoneNumber],
  );
  const row = rows[0];
  return row
    ? { purposeKey: row.purpose, clientId: row.client_id, liveUntil: row.live_until }
    : null;
}
