import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../../kernel/application/clock.port.js';
import { OTP_ERRORS } from '../../domain/otp-errors.js';
import { rateLimited, unavailable } from '../../../kernel/domain/errors.js';
import { databaseErrorCode } from '../../../platform/database/database-errors.js';
import { NotSent } from '../../application/not-sent.js';
import {
  OtpVerifier,
  type OtpCompletion,
  type OtpVerification,
} from '../../application/otp-verifier.port.js';
import type { OtpPurpose } from '../../domain/otp-purpose.js';
import { holdsTheCode, secondsBeforeSending, type CodeHolder } from '../../domain/shared-code.js';
import type { RegistryOtpService } from '../http/http-otp-verifier.js';
import { OtpCallTurns, type CallTurn } from './otp-call-turns.js';

const LOCK_NOT_AVAILABLE = '55P03';
const UNAVAILABLE_TEXT = OTP_ERRORS.otpUnavailable.message;
const RESEND_TOO_SOON_TEXT = OTP_ERRORS.resendTooSoon.message;

export interface ExternalOtpSettings {
  /** The timeout of one call to the service (OTP_TIMEOUT_MS). */
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
 * Calls on one phone take turns (OtpCallTurns: sends alone, completions together), so the
 * table's order of codes is the service's: no completion can reach the service in the moment
 * another purpose's code replaces the one it checked. A turn is a row, not a lock held on a
 * connection: no database connection is held while the service is called, so a service that
 * hangs cannot take the pool (it did, one connection per call for up to OTP_TIMEOUT_MS).
 */
export class ExternalOtpVerifier extends OtpVerifier {
  private readonly turns: OtpCallTurns;

  constructor(
    private readonly service: RegistryOtpService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly settings: ExternalOtpSettings,
  ) {
    super();
    this.turns = new OtpCallTurns(dataSource, settings.timeoutMs);
  }

  async initialize(phoneNumber: string, purpose: OtpPurpose): Promise<OtpVerification> {
    const turn = await this.sendTurn(phoneNumber, purpose);
    let verification: OtpVerification;
    try {
      verification = await this.service.initialize(phoneNumber);
    } catch (error) {
      // The service's refusal (NotSent) or failure of unknown outcome; the holder stays. A turn
      // that cannot be given back ends by itself.
      await this.turns.end(turn.id).catch(() => undefined);
      throw error;
    }
    // A write that fails now leaves the outcome unknown: the code went out.
    const inOrder = await this.dataSource.transaction(async (manager) => {
      if (!(await this.turns.end(turn.id, manager))) {
        // The turn ran out during the call: another call may have followed it, so which code
        // the service holds is unknown, and no completion of any purpose may reach it.
        await manager.query(`DELETE FROM otp_code_holders WHERE phone_number = $1`, [phoneNumber]);
        return false;
      }
      await manager.query(
        `INSERT INTO otp_code_holders (phone_number, purpose, client_id, live_until, sent_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (phone_number) DO UPDATE SET purpose = EXCLUDED.purpose,
           client_id = EXCLUDED.client_id, live_until = EXCLUDED.live_until,
           sent_at = EXCLUDED.sent_at`,
        [phoneNumber, purpose.key, purpose.clientId, verification.codeExpiredAt, this.clock.now()],
      );
      return true;
    });
    if (!inOrder) throw unavailable(UNAVAILABLE_TEXT);
    return verification;
  }

  async complete(phoneNumber: string, purpose: OtpPurpose, code: string): Promise<OtpCompletion> {
    const taken = await this.turns.complete<OtpCompletion>(phoneNumber, async (manager) =>
      holdsTheCode(await holderOf(manager, phoneNumber), purpose)
        ? { go: true }
        : { go: false, answer: { ok: false, reason: 'not_found' } },
    );
    if (taken === undefined) throw unavailable(UNAVAILABLE_TEXT);
    if ('answer' in taken) return taken.answer;
    const { turn } = taken;
    let result: OtpCompletion;
    try {
      if (!this.turns.inTime(turn)) throw unavailable(UNAVAILABLE_TEXT);
      result = await this.service.complete(phoneNumber, code);
    } catch (error) {
      await this.turns.end(turn.id).catch(() => undefined);
      throw error;
    }
    await this.dataSource.transaction(async (manager) => {
      await this.turns.end(turn.id, manager);
      if (result.ok) {
        await manager.query(
          `DELETE FROM otp_code_holders WHERE phone_number = $1 AND purpose = $2`,
          [phoneNumber, purpose.key],
        );
      }
    });
    return result;
  }

  isVerified(phoneNumber: string): Promise<boolean> {
    return this.service.isVerified(phoneNumber);
  }

  /**
   * The phone's turn for a send the holder rules allow; every refusal is NotSent (nothing has
   * reached the service). A phone still busy past the wait is too many codes at once.
   */
  private async sendTurn(phoneNumber: string, purpose: OtpPurpose): Promise<CallTurn> {
    const busy = (): NotSent =>
      new NotSent(rateLimited(RESEND_TOO_SOON_TEXT, Math.ceil(this.settings.timeoutMs / 1000)));
    let turn: CallTurn | undefined;
    try {
      turn = await this.turns.send(phoneNumber, async (manager) => {
        const wait = secondsBeforeSending(
          await holderOf(manager, phoneNumber),
          purpose,
          this.clock.now(),
        );
        if (wait > 0) throw new NotSent(rateLimited(RESEND_TOO_SOON_TEXT, wait));
      });
    } catch (error) {
      if (error instanceof NotSent) throw error;
      if (databaseErrorCode(error) === LOCK_NOT_AVAILABLE) throw busy();
      // Nothing left for the service: the table failed first.
      throw new NotSent(error instanceof Error ? error : new Error(String(error)));
    }
    if (turn === undefined) throw busy();
    if (!this.turns.inTime(turn)) {
      await this.turns.end(turn.id).catch(() => undefined);
      throw new NotSent(unavailable(UNAVAILABLE_TEXT));
    }
    return turn;
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
