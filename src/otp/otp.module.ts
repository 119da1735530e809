import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../kernel/application/clock.port.js';
import {
  BuiltInOtpVerifierFactory,
  OtpBuiltInModule,
} from '../otp-built-in/otp-built-in.module.js';
import type { AppConfig } from '../platform/config/app-config.js';
import { APP_CONFIG } from '../platform/config/config.tokens.js';
import { bindPort } from '../platform/core/adapter-provider.js';
import { ExternalOtpVerifier } from './adapters/external/external-otp-verifier.js';
import { HttpOtpVerifier } from './adapters/http/http-otp-verifier.js';
import { TypeOrmSmsBudget } from './adapters/persistence/typeorm-sms-budget.js';
import { CodeSender } from './application/code-sender.js';
import { OtpVerifier } from './application/otp-verifier.port.js';
import {
  SMS_BUDGET_SETTINGS,
  SmsBudget,
  type SmsBudgetSettings,
} from './application/sms-budget.port.js';

/**
 * The registry's OTP service over HTTP when OTP_VERIFICATION_URL is set (its codes' purposes
 * kept on this database), else the built-in one (src/otp-built-in).
 */
function defaultOtpVerifier(
  config: AppConfig,
  dataSource: DataSource,
  clock: Clock,
  builtIn: BuiltInOtpVerifierFactory,
): Promise<OtpVerifier> {
  const otp = config.otp;
  if (otp.url === undefined) return builtIn.create();
  const service = new HttpOtpVerifier({ url: otp.url, timeoutMs: otp.timeoutMs });
  return Promise.resolve(
    new ExternalOtpVerifier(service, dataSource, clock, { timeoutMs: otp.timeoutMs }),
  );
}

/**
 * OTP codes: the `OtpVerifier` port bound to an OTP service (or the host's adapter), and
 * `CodeSender`, through which every code goes out within its client's SMS budget. Re-exports the
 * built-in service's `SmsSender`.
 */
@Module({
  imports: [OtpBuiltInModule],
  providers: [
    bindPort(OtpVerifier, {
      inject: [APP_CONFIG, DataSource, Clock, BuiltInOtpVerifierFactory],
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
  ],
  exports: [OtpVerifier, OtpBuiltInModule, CodeSender],
})
export class OtpModule {}
