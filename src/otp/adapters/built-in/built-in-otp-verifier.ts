import { randomInt as cryptoRandomInt, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../../kernel/application/clock.port.js';
import { DomainError, rateLimited, unavailable } from '../../../kernel/domain/errors.js';
import { databaseErrorCode } from '../../../platform/database/database-errors.js';
import { NotSent } from '../../application/not-sent.js';
import {
  OtpVerifier,
  type OtpCompletion,
  type OtpVerification,
} from '../../application/otp-verifier.port.js';
import type { SmsSender } from '../../application/sms-sender.port.js';
import {
  codeMatches,
  generateCode,
  hashCode,
  otpMessage,
  type RandomInt,
} from '../../domain/otp-code.js';
import type { OtpPurpose } from '../../domain/otp-purpose.js';
import {
  RESEND_TOO_SOON_TEXT,
  assertResendAllowed,
  codeExpiry,
  decideAttempt,
  isCodeOpen,
} from '../../domain/otp-rules.js';
import { OtpVerificationOrmEntity, VerifiedPhoneOrmEntity } from './otp.orm-entity.js';
import { OTP_ERRORS } from '../../domain/otp-errors.js';

export interface BuiltInOtpSettings {
  readonly codeLength: number;
  readonly codeTtlMinutes: number;
  readonly maxAttempts: number;
  readonly resendIntervalSeconds: number;
  /** HMAC key of the stored code hashes. */
  readonly hashKey: string;
  /** The SMS text, `{code}` standing for the code; unset = the default (Ukrainian) text. */
  readonly messageTemplate?: string;
}

/**
 * Injection token of the source the built-in verifier draws its codes from: `crypto.randomInt`
 * unless a test overrides it to know the codes it will be sent.
 */
export const OTP_RANDOM_INT = Symbol('OTP_RANDOM_INT');

/** Namespace of this adapter's advisory locks (the second key hashes the phone and purpose). */
const LOCK_NAMESPACE = 7301;
const UNIQUE_VIOLATION = '23505';
/** Codes that a completion attempt is judged against (EXPIRED answers 'expired' again). */
const OPEN_STATUSES = ['NEW', 'EXPIRED'];

/**
 * The built-in OTP service (docs/domain-rules.md, OTP verification) on this service's PostgreSQL.
 * Codes are kept per phone and purpose (`otp_verifications.purpose`, with the purpose's client):
 * a code of one purpose is sent, cancelled, attempted and completed as if no other existed, and
 * the resend interval is per phone and purpose too.
 *
 * It behaves like the external service it stands in for: each call runs in its own transaction
 * on the DataSource, not in the caller's unit of work, so a wrong attempt counts even when the
 * caller's transaction rolls back afterwards (otherwise a use case that throws on a refused code
 * would undo the count and allow unlimited guesses).
 *
 * A send that fails before the SMS sender is called, or that the sender clearly refuses, sent
 * nothing (NotSent); any other failure of the sender, or of the commit after it, may have sent it.
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
    const progress = { delivering: false };
    try {
      return await this.dataSource.transaction((manager) =>
        this.send(manager, phoneNumber, purpose, progress),
      );
    } catch (error) {
      if (error instanceof NotSent || progress.delivering) throw error;
      // The advisory lock serializes sends of a purpose to a phone; a unique violation means a
      // writer that bypassed it put a live code in between, which is a send inside the interval.
      if (databaseErrorCode(error) === UNIQUE_VIOLATION) {
        throw new NotSent(
          rateLimited(RESEND_TOO_SOON_TEXT, Math.max(1, this.settings.resendIntervalSeconds)),
        );
      }
      throw new NotSent(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async complete(phoneNumber: string, purpose: OtpPurpose, code: string): Promise<OtpCompletion> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(OtpVerificationOrmEntity);
      // A new code cancels every open one of its purpose, so at most one NEW or EXPIRED row is
      // left per phone and purpose; a VERIFIED code is spent. Codes of other purposes are not
      // looked at. The row is locked so concurrent attempts count one by one.
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

  private async send(
    manager: EntityManager,
    phoneNumber: string,
    purpose: OtpPurpose,
    progress: { delivering: boolean },
  ): Promise<OtpVerification> {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      LOCK_NAMESPACE,
      `${phoneNumber} ${purpose.key}`,
    ]);
    const repo = manager.getRepository(OtpVerificationOrmEntity);
    const now = this.clock.now();
    const last = await repo.findOne({
      where: { phone_number: phoneNumber, purpose: purpose.key },
      order: { inserted_at: 'DESC' },
    });
    try {
      assertResendAllowed(last?.inserted_at ?? null, now, this.settings.resendIntervalSeconds);
    } catch (error) {
      throw new NotSent(error as Error);
    }
    await repo.update(
      { phone_number: phoneNumber, purpose: purpose.key, status: In(OPEN_STATUSES) },
      { status: 'CANCELED', updated_at: now },
    );
    const id = randomUUID();
    const code = generateCode(this.settings.codeLength, this.randomInt);
    const codeExpiredAt = codeExpiry(now, this.settings.codeTtlMinutes);
    await repo.insert({
      id,
      phone_number: phoneNumber,
      purpose: purpose.key,
      client_id: purpose.clientId,
      code_hash: hashCode(this.settings.hashKey, id, code),
      status: 'NEW',
      attempts: 0,
      code_expired_at: codeExpiredAt,
      inserted_at: now,
      updated_at: now,
    });
    // Delivered inside the transaction: a code that could not be sent never becomes live and
    // does not hold back the next request.
    progress.delivering = true;
    await this.deliver(phoneNumber, otpMessage(code, this.settings.messageTemplate));
    return {
      id,
      status: 'NEW',
      codeExpiredAt,
      active: isCodeOpen({ attempts: 0, codeExpiredAt }, now, this.settings.maxAttempts),
    };
  }

  /** Hands the message to the SMS sender; its clear refusal stays NotSent (nothing went out). */
  private async deliver(phoneNumber: string, text: string): Promise<void> {
    try {
      await this.sms.send(phoneNumber, text);
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
    }
  }
}
