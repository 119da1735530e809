import { randomInt } from 'node:crypto';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { bindPort } from '../platform/core/adapter-provider.js';
import type { AppConfig } from '../platform/config/app-config.js';
import { APP_CONFIG } from '../platform/config/config.tokens.js';
import { SecretStore } from '../platform/secrets/secret-store.js';
import { Clock } from '../kernel/application/clock.port.js';
import { BuiltInOtpVerifier, OTP_RANDOM_INT } from './adapters/built-in/built-in-otp-verifier.js';
import { ExternalOtpVerifier } from './adapters/external/external-otp-verifier.js';
import { HttpOtpVerifier } from './adapters/http/http-otp-verifier.js';
import { VerificationsController } from './adapters/http/verifications.controller.js';
import { smsSenderFor } from './adapters/sms/sms-sender-for.js';
import { TypeOrmSmsBudget } from './adapters/persistence/typeorm-sms-budget.js';
import { CodeSender } from './application/code-sender.js';
import { CompleteVerificationUseCase } from './application/complete-verification.use-case.js';
import { FindVerifiedPhoneUseCase } from './application/find-verified-phone.use-case.js';
import { InitializeVerificationUseCase } from './application/initialize-verification.use-case.js';
import { OtpVerifier } from './application/otp-verifier.port.js';
import {
  SMS_BUDGET_SETTINGS,
  SmsBudget,
  type SmsBudgetSettings,
} from './application/sms-budget.port.js';
import { SmsSender } from './application/sms-sender.port.js';
import type { RandomInt } from './domain/otp-code.js';

/**
 * The registry's OTP service over HTTP when OTP_VERIFICATION_URL is set (its codes' purposes
 * kept on this database), else the built-in one on this database, sending its codes through the
 * SmsSender (the one the configuration names, unless the host bound its own). Its code-hash key is
 * OTP_HASH_KEY, or a secret shared through the database so that every instance verifies the
 * codes of every other.
 */
async function defaultOtpVerifier(
  config: AppConfig,
  dataSource: DataSource,
  clock: Clock,
  sms: SmsSender,
  secrets: SecretStore,
  random: RandomInt,
): Promise<OtpVerifier> {
  const otp = config.otp;
  if (otp.url !== undefined) {
    const service = new HttpOtpVerifier({ url: otp.url, timeoutMs: otp.timeoutMs });
    return new ExternalOtpVerifier(service, dataSource, clock, { timeoutMs: otp.timeoutMs });
  }
  return new BuiltInOtpVerifier(
    dataSource,
    clock,
    sms,
    {
      codeLength: otp.codeLength,
      codeTtlMinutes: otp.codeTtlMinutes,
      maxAttempts: otp.maxAttempts,
      resendIntervalSeconds: otp.resendIntervalSeconds,
      hashKey: otp.hashKey ?? (await secrets.get('otp-hash-key')).toString('utf8'),
      messageTemplate: config.sms.template,
      smsTimeoutMs: config.sms.timeoutMs,
    },
    random,
  );
}

/** OTP verification of phones: the `OtpVerifier` and `SmsSender` ports, phone verification. */
@Module({
  providers: [
    bindPort(SmsSender, { inject: [APP_CONFIG], useFactory: smsSenderFor }),
    // Its own provider so that a test can override it and know the codes it will be sent.
    { provide: OTP_RANDOM_INT, useValue: randomInt satisfies RandomInt },
    bindPort(OtpVerifier, {
      inject: [APP_CONFIG, DataSource, Clock, SmsSender, SecretStore, OTP_RANDOM_INT],
      useFactory: defaultOtpVerifier,
    }),
    {
      provide: SMS_BUDGET_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): SmsBudgetSettings => ({
        perHour: config.smsPerClientPerHour,
      }),
    },
    TypeOrmSmsBudget,
    { provide: SmsBudget, useExisting: TypeOrmSmsBudget },
    CodeSender,
    InitializeVerificationUseCase,
    CompleteVerificationUseCase,
    FindVerifiedPhoneUseCase,
  ],
  exports: [
    OtpVerifier,
    SmsSender,
    CodeSender,
    InitializeVerificationUseCase,
    CompleteVerificationUseCase,
    FindVerifiedPhoneUseCase,
  ],
})
export class OtpModule {}

@Module({ imports: [OtpModule], controllers: [VerificationsController] })
export class OtpHttpModule {}
