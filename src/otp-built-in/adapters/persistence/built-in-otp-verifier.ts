import { randomInt as cryptoRandomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { In, LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../../kernel/application/clock.port.js';
import { DomainError, rateLimited, unavailable } from '../../../kernel/domain/errors.js';
import { NotSent } from '../../../otp/application/not-sent.js';
import {
  OtpVerifier,
  type OtpCompletion,
  type OtpVerification,
} from '../../../otp/application/otp-verifier.port.js';
import type { SmsSender } from '../../application/sms-sender.port.js';
import {
  codeMatches,
  generateCode,
  hashCode,
  otpMessage,
  type RandomInt,
} from '../../domain/otp-code.js';
import type { OtpPurpose } from '../../../otp/domain/otp-purpose.js';
import {
  RESEND_TOO_SOON_TEXT,
  SENDING_MARGIN_MS,
  codeExpiry,
  decideAttempt,
  isCodeOpen,
  isSendingAlive,
  nextSend,
  sendingWindowMs,
} from '../../domain/otp-rules.js';
import { waitForTurn } from '../../../platform/database/wait-for-turn.js';
import { OtpVerificationOrmEntity, VerifiedPhoneOrmEntity } from './built-in-otp.orm-entity.js';
import { OTP_ERRORS } from '../../../otp/domain/otp-errors.js';

export interface BuiltInOtpSettings {
  readonly codeLength: number;
  readonly codeTtlMinutes: number;
  readonly maxAttempts: number;
  readonly resendIntervalSeconds: number;
  /** HMAC key of the stored code hashes. */
  readonly hashKey: string;
  /** The SMS text, `{code}` standing for the code; unset = the default (Ukrainian) text. */
  readonly messageTemplate?: string;
  /**
   * The SMS sender's timeout (SMS_TIMEOUT_MS): with a margin (sendingWindowMs), the longest a
   * code may be in the sending state; a send still running then fails and its code is dead.
   */
  readonly smsTimeoutMs: number;
}

/**
 * Injection token of the source the built-in verifier draws its codes from: `crypto.randomInt`
 * unless a test overrides it to know the codes it will be sent.
 */
export const OTP_RANDOM_INT = Symbol('OTP_RANDOM_INT');

/** Namespace of this adapter's advisory locks (the second key hashes the phone and purpose). */
const LOCK_NAMESPACE = 7301;
/** Codes that a completion attempt is judged against (EXPIRED answers 'expired' again). */
const OPEN_STATUSES = ['NEW', 'EXPIRED'];
/** A code stored before its SMS is sent: never completed, live only once the SMS went out. */
const SENDING = 'SENDING';

/** A code stored in the sending state, waiting for its SMS. */
interface PendingCode {
  readonly id: string;
  readonly code: string;
  readonly codeExpiredAt: Date;
}

/** The SMS sender did not answer within its timeout and the margin. */
class SendTooLong extends Error {
  constructor() {
    super('The SMS sender did not answer in time');
    this.name = 'SendTooLong';
  }
}

/**
 * The built-in OTP service (docs/domain-rules.md, OTP verification) on this service's PostgreSQL.
 * Codes are kept per phone and purpose (`otp_verifications.purpose`, with the purpose's client):
 * a code of one purpose is sent, cancelled, attempted and completed as if no other existed, and
 * the resend interval is per phone and purpose too.
 *
 * It behaves like the external service it stands in for: each call runs in its own transactions
 * on the DataSource, not in the caller's unit of work, so a wrong attempt counts even when the
 * caller's transaction rolls back afterwards (otherwise a use case that throws on a refused code
 * would undo the count and allow unlimited guesses).
 *
 * A send holds no database connection while the SMS sender works (a gateway that hangs would
 * otherwise take the pool, one connection per send): under the phone-and-purpose lock, a short
 * transaction checks the resend interval and stores the code SENDING, which nothing completes;
 * the SMS goes out with no transaction open; a second short transaction makes the code NEW and
 * cancels the purpose's older one, or, when the send failed, deletes it, so the earlier code
 * stays the live one. One code of a purpose is sent at a time: a SENDING code counts for the
 * interval, and a send the interval allows waits for it to end. A SENDING code past its deadline
 * (sendingWindowMs) is dead: a process that stopped mid-send leaves no usable code behind.
 *
 * A send that fails before the SMS sender is called, or that the sender clearly refuses, sent
 * nothing (NotSent); any other failure of the sender, or of making its code live after it, may
 * have sent it.
 */
export class BuiltInOtpVerifier extends OtpVerifier {
  private readonly logger = new Logger('BuiltInOtpVerifier');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly sms: SmsSender,
    private readonly settings: BuiltInOtpSettings,
    private readonly randomInt: RandomInt = cryptoRandomInt,
  ) {
    super();
  }

  async initialize(phoneNumber: string, purpose: OtpPurpose): Promise<OtpVerification> {
    const pending = await this.store(phoneNumber, purpose);
    try {
      await this.deliver(phoneNumber, otpMessage(pending.code, this.settings.messageTemplate));
    } catch (error) {
      await this.forget(pending);
      throw error;
    }
    return this.makeLive(phoneNumber, purpose, pending);
  }

  async complete(phoneNumber: string, purpose: OtpPurpose, code: string): Promise<OtpCompletion> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(OtpVerificationOrmEntity);
      // A code that goes live cancels every open one of its purpose, so at most one NEW or
      // EXPIRED row is left per phone and purpose; a VERIFIED code is spent, a SENDING one not
      // live yet. Codes of other purposes are not looked at. The row is locked so concurrent
      // attempts count one by one.
      const row = await repo
        .createQueryBuilder('v')
        .where('v.phone_number = :phoneNumber', { phoneNumber })
        .andWhere('v.purpose = :purpose', { purpose: purpose.key })
        .andWhere('v.status IN (:...statuses)', { statuses: OPEN_STATUSES })
        .orderBy('v.inserted_at', 'DESC')
        .limit(1)
        .setLock('pessimistic_write')
        .getOne();
      if (!row) return { ok: false, reason: 'not_found' };
      const now = this.clock.now();
      const right = codeMatches(this.settings.hashKey, row.id, code, row.code_hash);
      const decision = decideAttempt(
        { attempts: row.attempts, codeExpiredAt: row.code_expired_at },
        right,
        now,
        this.settings.maxAttempts,
      );
      if (decision.verified) {
        await repo.update({ id: row.id }, { status: 'VERIFIED', updated_at: now });
        await manager
          .createQueryBuilder()
          .insert()
          .into(VerifiedPhoneOrmEntity)
          .values({ phone_number: phoneNumber, verified_at: now })
          .orUpdate(['verified_at'], ['phone_number'])
          .execute();
        return {
          ok: true,
          verification: {
            id: row.id,
            status: 'VERIFIED',
            codeExpiredAt: row.code_expired_at,
            active: false,
          },
        };
      }
      if (decision.reason === 'invalid_code') {
        await repo.update({ id: row.id }, { attempts: decision.attempts, updated_at: now });
      } else if (decision.reason === 'expired' && row.status !== 'EXPIRED') {
        await repo.update({ id: row.id }, { status: 'EXPIRED', updated_at: now });
      }
      return { ok: false, reason: decision.reason };
    });
  }

  async isVerified(phoneNumber: string): Promise<boolean> {
    const count = await this.dataSource.manager.count(VerifiedPhoneOrmEntity, {
      where: { phone_number: phoneNumber },
    });
    return count > 0;
  }

  /**
   * Stores the code SENDING once the purpose's turn comes (nothing is sent yet: every failure is
   * NotSent). The wait for a send in flight is bounded by that send's deadline.
   */
  private async store(phoneNumber: string, purpose: OtpPurpose): Promise<PendingCode> {
    const windowMs = sendingWindowMs(this.settings.smsTimeoutMs);
    let pending: PendingCode | undefined;
    try {
      pending = await waitForTurn(
        () =>
          this.dataSource.transaction((manager) => this.storeIfTurn(manager, phoneNumber, purpose)),
        windowMs,
      );
    } catch (error) {
      if (error instanceof NotSent) throw error;
      throw new NotSent(error instanceof Error ? error : new Error(String(error)));
    }
    if (pending === undefined) {
      // The code in flight outlived its own deadline on this clock: still too many at once.
      throw new NotSent(rateLimited(RESEND_TOO_SOON_TEXT, Math.ceil(windowMs / 1000)));
    }
    return pending;
  }

  /** The code stored SENDING, or undefined while another code of the purpose is being sent. */
  private async storeIfTurn(
    manager: EntityManager,
    phoneNumber: string,
    purpose: OtpPurpose,
  ): Promise<PendingCode | undefined> {
    await this.lock(manager, phoneNumber, purpose);
    const repo = manager.getRepository(OtpVerificationOrmEntity);
    const now = this.clock.now();
    const mine = { phone_number: phoneNumber, purpose: purpose.key };
    // Dead codes are forgotten, as failed sends are: they hold back nothing.
    await repo.delete({
      ...mine,
      status: SENDING,
      inserted_at: LessThanOrEqual(this.sendingSince(now)),
    });
    const last = await repo.findOne({ where: mine, order: { inserted_at: 'DESC' } });
    const sending = await repo.exists({ where: { ...mine, status: SENDING } });
    let turn: 'send' | 'wait';
    try {
      turn = nextSend(last?.inserted_at ?? null, sending, now, this.settings.resendIntervalSeconds);
    } catch (error) {
      throw new NotSent(error as Error);
    }
    if (turn === 'wait') return undefined;
    const id = randomUUID();
    const code = generateCode(this.settings.codeLength, this.randomInt);
    const codeExpiredAt = codeExpiry(now, this.settings.codeTtlMinutes);
    await repo.insert({
      id,
      ...mine,
      client_id: purpose.clientId,
      code_hash: hashCode(this.settings.hashKey, id, code),
      status: SENDING,
      attempts: 0,
      code_expired_at: codeExpiredAt,
      inserted_at: now,
      updated_at: now,
    });
    return { id, code, codeExpiredAt };
  }

  /**
   * After the SMS went out: the code becomes the purpose's live one, the older one is cancelled.
   * A code past its deadline stays dead (a newer send may have started since): the SMS may have
   * reached the phone, but its code never works.
   */
  private async makeLive(
    phoneNumber: string,
    purpose: OtpPurpose,
    pending: PendingCode,
  ): Promise<OtpVerification> {
    const live = await this.dataSource.transaction(async (manager) => {
      await this.lock(manager, phoneNumber, purpose);
      const repo = manager.getRepository(OtpVerificationOrmEntity);
      const now = this.clock.now();
      const row = await repo.findOneBy({ id: pending.id, status: SENDING });
      if (row === null || !isSendingAlive(row.inserted_at, now, this.settings.smsTimeoutMs)) {
        await repo.delete({ id: pending.id, status: SENDING });
        return null;
      }
      await repo.update(
        { phone_number: phoneNumber, purpose: purpose.key, status: In(OPEN_STATUSES) },
        { status: 'CANCELED', updated_at: now },
      );
      await repo.update({ id: pending.id }, { status: 'NEW', updated_at: now });
      return now;
    });
    if (live === null) {
      this.logger.warn('SMS sent after its code was dead');
      throw unavailable(OTP_ERRORS.otpUnavailable.message);
    }
    const { codeExpiredAt } = pending;
    return {
      id: pending.id,
      status: 'NEW',
      codeExpiredAt,
      active: isCodeOpen({ attempts: 0, codeExpiredAt }, live, this.settings.maxAttempts),
    };
  }

  /** A failed send's code goes, so the earlier code stays live; if this fails, it dies anyway. */
  private async forget(pending: PendingCode): Promise<void> {
    await this.dataSource
      .getRepository(OtpVerificationOrmEntity)
      .delete({ id: pending.id, status: SENDING })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'A failed code was not deleted'));
  }

  /** SENDING codes stored at or before this moment are dead. */
  private sendingSince(now: Date): Date {
    return new Date(now.getTime() - sendingWindowMs(this.settings.smsTimeoutMs));
  }

  private async lock(manager: EntityManager, phoneNumber: string, purpose: OtpPurpose) {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      LOCK_NAMESPACE,
      `${phoneNumber} ${purpose.key}`,
    ]);
  }

  /**
   * Hands the message to the SMS sender, waiting at most the sender's timeout and half the
   * margin (a sender a host bound may have no timeout of its own); its clear refusal stays
   * NotSent (nothing went out).
   */
  private async deliver(phoneNumber: string, text: string): Promise<void> {
    const limitMs = this.settings.smsTimeoutMs + SENDING_MARGIN_MS / 2;
    const abandon = new AbortController();
    try {
      await Promise.race([
        this.sms.send(phoneNumber, text),
        sleep(limitMs, undefined, { signal: abandon.signal }).then(() => {
          throw new SendTooLong();
        }),
      ]);
    } catch (error) {
      // The error text of a gateway may quote the phone or the message: log its class only.
      const name = error instanceof NotSent ? error.refusal.name : (error as Error)?.name;
      this.logger.warn(`SMS delivery failed (${typeof name === 'string' ? name : 'unknown'})`);
      if (error instanceof NotSent) {
        throw new NotSent(
          error.refusal instanceof DomainError
            ? error.refusal
            : unavailable(OTP_ERRORS.otpUnavailable.message),
        );
      }
      if (error instanceof DomainError) throw error;
      throw unavailable(OTP_ERRORS.otpUnavailable.message);
    } finally {
      abandon.abort();
    }
  }
}
