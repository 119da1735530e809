import {
  Module,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type Provider,
} from '@nestjs/common';
import { AuditTrail } from './audit/application/audit-trail.port.js';
import { AuditHttpModule, AuditModule } from './audit/audit.module.js';
import {
  AuthMethodRequestHttpModule,
  AuthMethodRequestModule,
} from './auth-method-request/auth-method-request.module.js';
import {
  ConfidantRelationshipHttpModule,
  ConfidantRelationshipModule,
} from './confidant-relationship/confidant-relationship.module.js';
import { DocumentStorage } from './document-storage/application/document-storage.port.js';
import {
  DocumentStorageHttpModule,
  DocumentStorageModule,
} from './document-storage/document-storage.module.js';
import { EventPublisher } from './events/application/event-publisher.port.js';
import { EventsHttpModule } from './events/adapters/http/events-http.module.js';
import { EventsModule } from './events/events.module.js';
import { OtpVerifier } from './otp/application/otp-verifier.port.js';
import { OtpModule } from './otp/otp.module.js';
import { SmsSender } from './otp-built-in/application/sms-sender.port.js';
import { PersonFinder } from './person/application/person-finder.port.js';
import { PersonRegistry } from './person/application/person-registry.port.js';
import { RegisterVerifications } from './person/application/register-verifications.port.js';
import { PersonHttpModule, PersonModule } from './person/person.module.js';
import {
  PhoneVerificationHttpModule,
  PhoneVerificationModule,
} from './phone-verification/phone-verification.module.js';
import {
  PersonRequestHttpModule,
  PersonRequestModule,
} from './person-request/person-request.module.js';
import { loadConfig, type AppConfig } from './platform/config/app-config.js';
import { APP_CONFIG } from './platform/config/config.tokens.js';
import { overrideProviders, type AdapterProvider } from './platform/core/adapter-provider.js';
import { EhealthCoreModule } from './platform/core/ehealth-core.module.js';
import { MetricsHttpModule } from './platform/metrics/metrics-http.module.js';
import { DatabaseModule, type DatabaseOptions } from './platform/database/database.module.js';
import { EHEALTH_ENTITIES, EHEALTH_MIGRATIONS } from './schema.js';
import { Clock } from './kernel/application/clock.port.js';
import { SignatureVerifier } from './signature/application/signature-verifier.port.js';
import { SignatureModule } from './signature/signature.module.js';
import { RequestLifecycleModule } from './request-lifecycle/request-lifecycle.module.js';

export type { AdapterProvider } from './platform/core/adapter-provider.js';

/** Adapters a host application may replace; the rest keep their defaults. */
export interface EhealthAdapters {
  readonly otpVerifier?: AdapterProvider<OtpVerifier>;
  /** How the built-in OTP service sends its codes (unused with OTP_VERIFICATION_URL). */
  readonly smsSender?: AdapterProvider<SmsSender>;
  readonly documentStorage?: AdapterProvider<DocumentStorage>;
  readonly eventPublisher?: AdapterProvider<EventPublisher>;
  readonly personRegistry?: AdapterProvider<PersonRegistry>;
  /** Person search; give it with `personRegistry` when the persons live in an external MPI. */
  readonly personFinder?: AdapterProvider<PersonFinder>;
  /** Where the state registers' results of persons are kept (default: this service's schema). */
  readonly registerVerifications?: AdapterProvider<RegisterVerifications>;
  readonly clock?: AdapterProvider<Clock>;
  /** Verifies the signed person data of a sign (a Ukrainian qualified-signature library, say). */
  readonly signatureVerifier?: AdapterProvider<SignatureVerifier>;
  /** Where audit rows go (docs/api.md, Audit trail); default: the append-only `audit_log` table. */
  readonly auditTrail?: AdapterProvider<AuditTrail>;
}

export interface EhealthModuleOptions {
  /** Configuration; default: read from process.env. */
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

/** One Nest module per feature; each exports its use cases and the ports a host may use. */
const FEATURES = [
  AuditModule,
  PersonModule,
  OtpModule,
  PhoneVerificationModule,
  DocumentStorageModule,
  EventsModule,
  SignatureModule,
  RequestLifecycleModule,
  PersonRequestModule,
  AuthMethodRequestModule,
  ConfidantRelationshipModule,
];

/** The REST controllers of each feature. */
const HTTP = [
  AuditHttpModule,
  PersonHttpModule,
  PhoneVerificationHttpModule,
  DocumentStorageHttpModule,
  EventsHttpModule,
  MetricsHttpModule,
  PersonRequestHttpModule,
  AuthMethodRequestHttpModule,
  ConfidantRelationshipHttpModule,
];

function overrides(adapters: EhealthAdapters = {}): Provider[] {
  return [
    ...overrideProviders(OtpVerifier, adapters.otpVerifier),
    ...overrideProviders(SmsSender, adapters.smsSender),
    ...overrideProviders(DocumentStorage, adapters.documentStorage),
    ...overrideProviders(EventPublisher, adapters.eventPublisher),
    ...overrideProviders(PersonRegistry, adapters.personRegistry),
    ...overrideProviders(PersonFinder, adapters.personFinder),
    ...overrideProviders(RegisterVerifications, adapters.registerVerifications),
    ...overrideProviders(Clock, adapters.clock),
    ...overrideProviders(SignatureVerifier, adapters.signatureVerifier),
    ...overrideProviders(AuditTrail, adapters.auditTrail),
  ];
}

/**
 * The embeddable module: person requests, authentication method requests, OTP, documents and
 * events as use cases, composed from one module per feature. It registers no global guard,
 * filter or pipe: the standalone app (AppModule) adds those, and a host that enables `http` must
 * add its own. With `http` it registers one interceptor, the audit trail's, which acts only on
 * this module's @Audited routes (docs/api.md, Audit trail).
 */
@Module({})
export class EhealthAuthMethodsModule {
  static forRoot(options: EhealthModuleOptions = {}): DynamicModule {
    const config = options.config ?? loadConfig(process.env);
    const database = options.database ?? 'host';
    const schema = { entities: EHEALTH_ENTITIES, migrations: EHEALTH_MIGRATIONS };
    return composed(
      EhealthCoreModule.forRoot({
        config: { provide: APP_CONFIG, useValue: config },
        overrides: overrides(options.adapters),
      }),
      database === 'host' ? [] : [DatabaseModule.forRoot(database, schema)],
      options.http,
    );
  }

  static forRootAsync(options: EhealthModuleAsyncOptions): DynamicModule {
    return composed(
      EhealthCoreModule.forRoot({
        imports: options.imports ?? [],
        config: {
          provide: APP_CONFIG,
          useFactory: options.useFactory,
          inject: options.inject ?? [],
        },
        overrides: overrides(options.adapters),
      }),
      [],
      options.http,
    );
  }
}

/** The features on the given core (and database), with their controllers when `http`. */
function composed(
  core: DynamicModule,
  database: DynamicModule[],
  http: boolean | undefined,
): DynamicModule {
  return {
    module: EhealthAuthMethodsModule,
    imports: [core, ...database, ...FEATURES, ...(http ? HTTP : [])],
    exports: [EhealthCoreModule, ...FEATURES],
  };
}
