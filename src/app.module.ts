import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import type { DestinationStream } from 'pino';
import { EhealthAuthMethodsModule } from './ehealth-auth-methods.module.js';
import { JwtStrategy } from './platform/auth/jwt.strategy.js';
import { ScopeGuard } from './platform/auth/scope.guard.js';
import type { AppConfig } from './platform/config/app-config.js';
import { HealthController } from './platform/health/health.controller.js';
import { EnvelopeInterceptor } from './platform/http/envelope.interceptor.js';
import { RegistryExceptionFilter } from './platform/http/exception.filter.js';
import { registryValidationPipe } from './platform/http/validation.js';
import { IdempotencyStore } from './platform/idempotency/idempotency-store.js';
import { IdempotencySweep } from './platform/idempotency/idempotency-sweep.js';
import { IdempotentRequests } from './platform/idempotency/idempotent-requests.js';
import { PostgresIdempotencyStore } from './platform/idempotency/postgres-idempotency-store.js';
import { LoggingModule } from './platform/logging/logging.module.js';
import { ClientLimits } from './platform/rate-limit/client-limits.js';
import { PostgresRateWindows } from './platform/rate-limit/postgres-rate-windows.js';
import { RateWindows } from './platform/rate-limit/rate-windows.js';
import type { Clock } from './kernel/application/clock.port.js';

export interface AppModuleOptions {
  readonly config: AppConfig & { readonly databaseUrl: string };
  /** Replaces the system clock (tests pin "now"). */
  readonly clock?: Clock;
  /** Log destination (tests capture the log of a flow). */
  readonly logStream?: DestinationStream;
}

/**
 * The standalone service's composition root: the embeddable module with its own database
 * connection and REST controllers, plus what only the standalone app owns (global guard,
 * filter, pipe, envelope, logging, health, idempotency keys).
 */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({
          level: config.logLevel,
          ...(options.logStream ? { stream: options.logStream } : {}),
        }),
        EhealthAuthMethodsModule.forRoot({
          config,
          http: true,
          database: {
            url: config.databaseUrl,
            poolSize: config.databasePoolSize,
            statementTimeoutMs: config.databaseStatementTimeoutMs,
            lockTimeoutMs: config.databaseLockTimeoutMs,
            migrationsRun: config.migrationsRun,
          },
          ...(options.clock ? { adapters: { clock: { useValue: options.clock } } } : {}),
        }),
        PassportModule,
      ],
      controllers: [HealthController],
      providers: [
        JwtStrategy,
        { provide: RateWindows, useClass: PostgresRateWindows },
        ClientLimits,
        { provide: IdempotencyStore, useClass: PostgresIdempotencyStore },
        IdempotentRequests,
        IdempotencySweep,
        { provide: APP_GUARD, useClass: ScopeGuard },
        { provide: APP_FILTER, useClass: RegistryExceptionFilter },
        { provide: APP_PIPE, useFactory: registryValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
      ],
    };
  }
}
