import { Module, type DynamicModule, type ModuleMetadata, type Provider } from '@nestjs/common';
import { Clock, SystemClock } from '../../kernel/application/clock.port.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { BeforeCommitHooks } from '../database/before-commit.js';
import { TypeOrmUnitOfWork } from '../database/transaction-context.js';
import { SecretStore } from '../secrets/secret-store.js';
import { bindPort } from './adapter-provider.js';

export interface EhealthCoreOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Provides APP_CONFIG: a value or a factory over the host's providers. */
  readonly config: Provider;
  /** The host's adapters, registered under their override tokens (see bindPort). */
  readonly overrides?: readonly Provider[];
}

/**
 * What every feature module needs and nothing feature-specific: the configuration, the clock and
 * the unit of work, plus the host's adapter overrides. Global within the application so that
 * feature modules stay static; the tokens are this package's own, so a host's graph is not
 * disturbed by them.
 */
@Module({})
export class EhealthCoreModule {
  static forRoot(options: EhealthCoreOptions): DynamicModule {
    const overrides = options.overrides ?? [];
    const providers: Provider[] = [
      options.config,
      ...overrides,
      bindPort(Clock, { inject: [], useFactory: () => new SystemClock() }),
      BeforeCommitHooks,
      TypeOrmUnitOfWork,
      SecretStore,
      { provide: UnitOfWork, useExisting: TypeOrmUnitOfWork },
    ];
    return {
      module: EhealthCoreModule,
      global: true,
      imports: options.imports ?? [],
      providers,
      exports: [
        APP_CONFIG,
        Clock,
        BeforeCommitHooks,
        TypeOrmUnitOfWork,
        UnitOfWork,
        SecretStore,
        ...overrides,
      ],
    };
  }
}
