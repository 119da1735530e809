import {
  Module,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type Provider,
  type Type,
} from '@nestjs/common';
import {
  AUTH_METHOD_REQUEST_CONTROLLERS,
  AUTH_METHOD_REQUEST_PROVIDERS,
} from './auth-method-request/auth-method-request.providers.js';
import { ApproveAuthMethodRequestUseCase } from './auth-method-request/application/approve-auth-method-request.use-case.js';
import { CreateAuthMethodRequestUseCase } from './auth-method-request/application/create-auth-method-request.use-case.js';
import { ReadAuthMethodRequestUseCase } from './auth-method-request/application/read-auth-method-request.use-case.js';
import { AuthMethodRequestUploadTarget } from './auth-method-request/adapters/persistence/auth-method-request-upload-target.js';
import { DocumentStorage } from './document-storage/application/document-storage.port.js';
import {
  DocumentStorageHttpModule,
  DocumentStorageModule,
} from './document-storage/document-storage.module.js';
import { EventBus } from './events/application/event-bus.js';
import { EventOutbox } from './events/application/event-outbox.port.js';
import { EventPublisher } from './events/application/event-publisher.port.js';
import { ListEventsUseCase } from './events/application/list-events.use-case.js';
import { EVENTS_CONTROLLERS, EVENTS_PROVIDERS } from './events/events.providers.js';
import { OtpVerifier } from './otp/application/otp-verifier.port.js';
import { SmsSender } from './otp/application/sms-sender.port.js';
import { OTP_CONTROLLERS, OTP_PROVIDERS } from './otp/otp.providers.js';
import { PersonRegistry } from './person/application/person-registry.port.js';
import { ReadPersonUseCase } from './person/application/read-person.use-case.js';
import { RegisterPersonUseCase } from './person/application/register-person.use-case.js';
import { PERSON_CONTROLLERS, PERSON_PROVIDERS } from './person/person.providers.js';
import { ApprovePersonRequestUseCase } from './person-request/application/approve-person-request.use-case.js';
import { CreatePersonRequestUseCase } from './person-request/application/create-person-request.use-case.js';
import { ReadPersonRequestsUseCase } from './person-request/application/read-person-requests.use-case.js';
import { RejectPersonRequestUseCase } from './person-request/application/reject-person-request.use-case.js';
import { ResendPersonRequestOtpUseCase } from './person-request/application/resend-person-request-otp.use-case.js';
import { PersonRequestUploadTarget } from './person-request/adapters/persistence/person-request-upload-target.js';
import {
  PERSON_REQUEST_CONTROLLERS,
  PERSON_REQUEST_PROVIDERS,
} from './person-request/person-request.providers.js';
import { loadConfig, type AppConfig } from './platform/config/app-config.js';
import { APP_CONFIG } from './platform/config/config.tokens.js';
import { overrideProviders } from './platform/core/adapter-provider.js';
import { EhealthCoreModule } from './platform/core/ehealth-core.module.js';
import { DatabaseModule, type DatabaseOptions } from './platform/database/database.module.js';
import { Clock } from './shared/application/clock.js';
import { MethodVerification } from './shared/application/method-verification.js';

/** How a host supplies one adapter: a class, an instance, or a factory. */
export type AdapterProvider<T> =
  | Type<T>
  | { readonly useValue: T }
  | {
      readonly useFactory: (...args: never[]) => T | Promise<T>;
      readonly inject?: FactoryProvider['inject'];
    };

/** Adapters a host application may replace; the rest keep their defaults. */
export interface EhealthAdapters {
  readonly otpVerifier?: AdapterProvider<OtpVerifier>;
  readonly smsSender?: AdapterProvider<SmsSender>;
  readonly documentStorage?: AdapterProvider<DocumentStorage>;
  readonly eventPublisher?: AdapterProvider<EventPublisher>;
  readonly personRegistry?: AdapterProvider<PersonRegistry>;
  readonly clock?: AdapterProvider<Clock>;
}

export interface EhealthModuleOptions {
  /** Configuration; default: read from process.env (api.md §9). */
  readonly config?: AppConfig;
  /**
   * `'host'` (default): the host registers TypeORM itself (TypeOrmModule.forRoot with
   * EHEALTH_ENTITIES and EHEALTH_MIGRATIONS); otherwise this module opens its own connection.
   */
  readonly database?: 'host' | DatabaseOptions;
  readonly adapters?: EhealthAdapters;
  /** Registers the REST controllers too (the standalone service does; hosts usually don't). */
  readonly http?: boolean;
}

export interface EhealthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  readonly inject?: FactoryProvider['inject'];
  /** Builds the configuration from the host's own providers. The database is the host's. */
  readonly useFactory: (...args: never[]) => AppConfig | Promise<AppConfig>;
  readonly adapters?: EhealthAdapters;
  readonly http?: boolean;
}

/** The use cases and services a host calls directly, without HTTP. */
export const EHEALTH_USE_CASES = [
  CreatePersonRequestUseCase,
  ReadPersonRequestsUseCase,
  ResendPersonRequestOtpUseCase,
  ApprovePersonRequestUseCase,
  RejectPersonRequestUseCase,
  CreateAuthMethodRequestUseCase,
  ReadAuthMethodRequestUseCase,
  ApproveAuthMethodRequestUseCase,
  RegisterPersonUseCase,
  ReadPersonUseCase,
  ListEventsUseCase,
];

const CONTROLLERS: Type[] = [
  ...PERSON_CONTROLLERS,
  ...PERSON_REQUEST_CONTROLLERS,
  ...AUTH_METHOD_REQUEST_CONTROLLERS,
  ...OTP_CONTROLLERS,
  ...EVENTS_CONTROLLERS,
];

function adapter<T>(
  token: abstract new (...args: never[]) => T,
  given: AdapterProvider<T> | undefined,
): Provider[] {
  if (given === undefined) return [];
  if (typeof given === 'function') return [given, { provide: token, useExisting: given }];
  if ('useValue' in given) return [{ provide: token, useValue: given.useValue }];
  return [{ provide: token, useFactory: given.useFactory, inject: given.inject ?? [] }];
}

/** Later providers with the same token replace the defaults listed before them. */
function providers(adapters: EhealthAdapters = {}): Provider[] {
  return [
    MethodVerification,
    ...PERSON_PROVIDERS,
    ...PERSON_REQUEST_PROVIDERS,
    ...AUTH_METHOD_REQUEST_PROVIDERS,
    ...OTP_PROVIDERS,
    ...EVENTS_PROVIDERS,
    // Temporary home of the upload targets (the features' own modules will provide them).
    PersonRequestUploadTarget,
    AuthMethodRequestUploadTarget,
    ...adapter(OtpVerifier, adapters.otpVerifier),
    ...adapter(SmsSender, adapters.smsSender),
    ...adapter(EventPublisher, adapters.eventPublisher),
    ...adapter(PersonRegistry, adapters.personRegistry),
  ];
}

/**
 * Configuration, clock, unit of work and secrets for every module of the package; the ports that
 * already live in their own feature module (Clock, DocumentStorage) take the host's adapter from
 * here.
 */
function core(
  config: Provider,
  adapters: EhealthAdapters = {},
  imports: ModuleMetadata['imports'] = [],
): DynamicModule {
  return EhealthCoreModule.forRoot({
    config,
    imports,
    overrides: [
      ...overrideProviders(Clock, adapters.clock),
      ...overrideProviders(DocumentStorage, adapters.documentStorage),
    ],
  });
}

function featureModules(http: boolean | undefined): NonNullable<ModuleMetadata['imports']> {
  return [DocumentStorageModule, ...(http ? [DocumentStorageHttpModule] : [])];
}

const EXPORTS = [
  ...EHEALTH_USE_CASES,
  MethodVerification,
  EventBus,
  EventOutbox,
  OtpVerifier,
  SmsSender,
  PersonRegistry,
  // DocumentStorage, re-exported. UnitOfWork, Clock and APP_CONFIG come from the global core module.
  DocumentStorageModule,
];

/**
 * The embeddable module: person requests, authentication method requests, OTP, documents and
 * events as use cases. It registers no global guard, filter, pipe or interceptor: the standalone
 * app (AppModule) adds those, and a host that enables `http` must add its own.
 */
@Module({})
export class EhealthAuthMethodsModule {
  static forRoot(options: EhealthModuleOptions = {}): DynamicModule {
    const config = options.config ?? loadConfig(process.env);
    const database = options.database ?? 'host';
    return {
      module: EhealthAuthMethodsModule,
      imports: [
        core({ provide: APP_CONFIG, useValue: config }, options.adapters),
        ...(database === 'host' ? [] : [DatabaseModule.forRoot(database)]),
        ...featureModules(options.http),
      ],
      controllers: options.http ? CONTROLLERS : [],
      providers: providers(options.adapters),
      exports: EXPORTS,
    };
  }

  static forRootAsync(options: EhealthModuleAsyncOptions): DynamicModule {
    return {
      module: EhealthAuthMethodsModule,
      imports: [
        core(
          { provide: APP_CONFIG, useFactory: options.useFactory, inject: options.inject ?? [] },
          options.adapters,
          options.imports,
        ),
        ...(options.imports ?? []),
        ...featureModules(options.http),
      ],
      controllers: options.http ? CONTROLLERS : [],
      providers: providers(options.adapters),
      exports: EXPORTS,
    };
  }
}
