import { randomInt } from 'node:crypto';
import { Inject, Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../kernel/application/clock.port.js';
import type { AppConfig } from '../platform/config/app-config.js';
import { APP_CONFIG } from '../platform/config/config.tokens.js';
import { bindPort } from '../platform/core/adapter-provider.js';
import { SecretStore } from '../platform/secrets/secret-store.js';
import {
  BuiltInOtpVerifier,
  OTP_RANDOM_INT,
} from './adapters/persistence/built-in-otp-verifier.js';
import { smsSenderFor } from './adapters/sms/sms-sender-for.js';
import { SmsSender } from './application/sms-sender.port.js';
import type { RandomInt } from './domain/otp-code.js';

/**
 * Builds the built-in OTP service, once the OTP module has chosen it: nothing of it runs while an
 * external OTP service is configured. Its code-hash key is OTP_HASH_KEY, or a secret shared
 * through the database so that every instance verifies the codes of every other.
 */
@Injectable()
export class BuiltInOtpVerifierFactory {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly sms: SmsSender,
    private readonly secrets: SecretStore,
    @Inject(OTP_RANDOM_INT) private readonly random: RandomInt,
  ) {}

  async create(): Promise<BuiltInOtpVerifier> {
    const { otp, sms } = this.config;
    return new BuiltInOtpVerifier(
      this.dataSource,
      this.clock,
      this.sms,
      {
        codeLength: otp.codeLength,
        codeTtlMinutes: otp.codeTtlMinutes,
        maxAttempts: otp.maxAttempts,
        resendIntervalSeconds: otp.resendIntervalSeconds,
        hashKey: otp.hashKey ?? (await this.secrets.get('otp-hash-key')).toString('utf8'),
        messageTemplate: sms.template,
        smsTimeoutMs: sms.timeoutMs,
      },
      this.random,
    );
  }
}

/**
 * The built-in OTP service: an adapter of the OTP module's `OtpVerifier` for deployments without
 * a registry OTP service (OTP_VERIFICATION_URL unset), for development and QA. It keeps its codes
 * on this service's PostgreSQL and sends them through the `SmsSender` port: the adapter
 * SMS_SENDER names (log, Twilio, a generic HTTP gateway), unless the host bound its own.
 *
 * Only the OTP module imports it (and re-exports its `SmsSender`); `npm run arch` keeps it so.
 */
@Module({
  providers: [
    bindPort(SmsSender, { inject: [APP_CONFIG], useFactory: smsSenderFor }),
    // Its own provider so that a test can override it and know the codes it will be sent.
    { provide: OTP_RANDOM_INT, useValue: randomInt satisfies RandomInt },
    BuiltInOtpVerifierFactory,
  ],
  exports: [SmsSender, BuiltInOtpVerifierFactory],
})
export class OtpBuiltInModule {}
