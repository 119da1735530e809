import type { Provider, Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../platform/config/app-config.js';
import { APP_CONFIG } from '../platform/config/config.tokens.js';
import { Clock } from '../shared/application/clock.js';
import { BuiltInOtpVerifier } from './adapters/built-in/built-in-otp-verifier.js';
import { loadOrCreateHashKey } from './adapters/built-in/hash-key.js';
import { LoggingSmsSender } from './adapters/built-in/logging-sms-sender.js';
import { HttpOtpVerifier } from './adapters/http/http-otp-verifier.js';
import { VerificationsController } from './adapters/http/verifications.controller.js';
import { CompleteVerificationUseCase } from './application/complete-verification.use-case.js';
import { InitializeVerificationUseCase } from './application/initialize-verification.use-case.js';
import { OtpVerifier } from './application/otp-verifier.port.js';
import { SmsSender } from './application/sms-sender.port.js';

function otpVerifierFor(
  config: AppConfig,
  dataSource: DataSource,
  clock: Clock,
  sms: SmsSender,
): OtpVerifier {
  if (config.otp.url !== undefined) return new HttpOtpVerifier(config);
  return new BuiltInOtpVerifier(dataSource, clock, sms, {
    codeLength: config.otp.codeLength,
    codeTtlMinutes: config.otp.codeTtlMinutes,
    maxAttempts: config.otp.maxAttempts,
    resendIntervalSeconds: config.otp.resendIntervalSeconds,
    hashKey: loadOrCreateHashKey(config.otp.hashKey, config.dataDir),
  });
}

/**
 * OTP verification of phones (rules.md §11, api.md §6).
 *
 * Exports `OtpVerifier` — the registry's service over HTTP when `OTP_VERIFICATION_URL` is set,
 * else the built-in one — and `SmsSender` (default: the log). Tests read codes by overriding
 * `SmsSender` with a capturing fake.
 */
export const OTP_CONTROLLERS: Type[] = [VerificationsController];

export const OTP_PROVIDERS: Provider[] = [
  LoggingSmsSender,
  { provide: SmsSender, useExisting: LoggingSmsSender },
  {
    provide: OtpVerifier,
    inject: [APP_CONFIG, DataSource, Clock, SmsSender],
    useFactory: otpVerifierFor,
  },
  InitializeVerificationUseCase,
  CompleteVerificationUseCase,
];
