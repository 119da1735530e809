import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TerminusModule } from '@nestjs/terminus';
import type { DestinationStream } from 'pino';
import { AuthMethodRequestModule } from './auth-method-request/auth-method-request.module.js';
import { DocumentStorageModule } from './document-storage/document-storage.module.js';
import { EventsModule } from './events/events.module.js';
import { OtpModule } from './otp/otp.module.js';
import { PersonModule } from './person/person.module.js';
import { PersonRequestModule } from './person-request/person-request.module.js';
import { JwtStrategy } from './platform/auth/jwt.strategy.js';
import { ScopeGuard } from './platform/auth/scope.guard.js';
import type { AppConfig } from './platform/config/app-config.js';
import { APP_CONFIG } from './platform/config/config.tokens.js';
import { DatabaseModule } from './platform/database/database.module.js';
import { HealthController } from './platform/health/health.controller.js';
import { EnvelopeInterceptor } from './platform/http/envelope.interceptor.js';
import { RegistryExceptionFilter } from './platform/http/exception.filter.js';
import { registryValidationPipe } from './platform/http/validation.js';
import { loggingModule } from './platform/logging/logging.module.js';
import { Clock, SystemClock } from './shared/application/clock.js';

export interface AppModuleOptions {
  readonly config: AppConfig & { readonly databaseUrl: string };
  /** Replaces the system clock (tests pin "now"). */
  readonly clock?: Clock;
  /** Log destination (tests capture the log of a flow). */
  readonly logStream?: DestinationStream;
}

@Global()
@Module({})
class CoreProvidersModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: CoreProvidersModule,
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}

/**
 * The standalone service's composition root: picks adapters from configuration and adds what
 * only the standalone app owns (global guard, filter, pipe, envelope).
 */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      imports: [
        CoreProvidersModule.forRoot(options),
        loggingModule({
          level: config.logLevel,
          ...(options.logStream ? { stream: options.logStream } : {}),
        }),
        DatabaseModule.forRoot({
          url: config.databaseUrl,
          poolSize: config.databasePoolSize,
          migrationsRun: config.migrationsRun,
        }),
        PassportModule,
        TerminusModule.forRoot({ logger: false }),
        PersonModule,
        PersonRequestModule,
        AuthMethodRequestModule,
        OtpModule,
        EventsModule,
        DocumentStorageModule,
      ],
      controllers: [HealthController],
      providers: [
        JwtStrategy,
        { provide: APP_GUARD, useClass: ScopeGuard },
        { provide: APP_FILTER, useClass: RegistryExceptionFilter },
        { provide: APP_PIPE, useFactory: registryValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
      ],
    };
  }
}
