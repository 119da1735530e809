import { Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Clock } from '../kernel/application/clock.port.js';
import { UnitOfWork } from '../kernel/application/unit-of-work.port.js';
import type { AppConfig } from '../platform/config/app-config.js';
import { APP_CONFIG } from '../platform/config/config.tokens.js';
import { bindPort } from '../platform/core/adapter-provider.js';
import { BeforeCommitHooks } from '../platform/database/before-commit.js';
import { AuditInterceptor } from './adapters/http/audit.interceptor.js';
import { AuditLogController } from './adapters/http/audit-log.controller.js';
import { TypeOrmAuditLog } from './adapters/persistence/typeorm-audit-log.js';
import { AuditLog } from './application/audit-log.port.js';
import { AuditReadBuffer } from './application/audit-read-buffer.js';
import { AuditRecorder } from './application/audit-recorder.js';
import { AuditRetention } from './application/audit-retention.js';
import { AuditTrail } from './application/audit-trail.port.js';
import { ListAuditLogUseCase } from './application/list-audit-log.use-case.js';

const RETENTION_INTERVAL_MS = 3_600_000;

/** Joins every unit of work: the before-commit hook that writes a write's audit row. */
class AuditCommitHook implements OnModuleInit, OnModuleDestroy {
  private remove: (() => void) | undefined;

  constructor(
    private readonly hooks: BeforeCommitHooks,
    private readonly recorder: AuditRecorder,
  ) {}

  onModuleInit(): void {
    this.remove = this.hooks.add(this.recorder.beforeCommit);
  }

  onModuleDestroy(): void {
    this.remove?.();
  }
}

/**
 * The audit trail (docs/api.md, Audit trail): one row per write and per read of a person's data,
 * recorded through the AuditTrail port (by default the append-only `audit_log` table; a host may
 * bind its own store as `adapters.auditTrail`), the retention sweep, and the list.
 *
 * How a route is audited: mark it with `@Audited({ action, resource, param })` from
 * `platform/audit/audited.decorator.ts` (a GET is a read, anything else a write). A write's row
 * is written in its use case's transaction by the before-commit hook registered here; a use case
 * that creates a resource names it with `auditedResource(id)` (platform/audit/audit-scope.ts)
 * before its transaction commits, or the route says `answerId: true` when no transaction of the
 * service carries the write. Needs the global EhealthCoreModule and a TypeORM connection.
 */
@Module({
  providers: [
    TypeOrmAuditLog,
    { provide: AuditLog, useExisting: TypeOrmAuditLog },
    bindPort(AuditTrail, { inject: [TypeOrmAuditLog], useFactory: (log: TypeOrmAuditLog) => log }),
    {
      provide: AuditReadBuffer,
      inject: [AuditTrail],
      useFactory: (trail: AuditTrail) => new AuditReadBuffer(trail),
    },
    {
      provide: AuditRecorder,
      inject: [AuditTrail, UnitOfWork, AuditReadBuffer],
      useFactory: (trail: AuditTrail, uow: UnitOfWork, reads: AuditReadBuffer) =>
        new AuditRecorder(trail, uow, reads),
    },
    {
      provide: AuditCommitHook,
      inject: [BeforeCommitHooks, AuditRecorder],
      useFactory: (hooks: BeforeCommitHooks, recorder: AuditRecorder) =>
        new AuditCommitHook(hooks, recorder),
    },
    {
      provide: AuditRetention,
      inject: [AuditLog, Clock, APP_CONFIG],
      useFactory: (log: AuditLog, clock: Clock, config: AppConfig) =>
        new AuditRetention(log, clock, {
          retentionDays: config.auditRetentionDays,
          intervalMs: RETENTION_INTERVAL_MS,
        }),
    },
    ListAuditLogUseCase,
  ],
  exports: [AuditTrail, AuditRecorder, AuditReadBuffer, AuditRetention, ListAuditLogUseCase],
})
export class AuditModule {}

/** GET /api/audit_log and the interceptor that records the calls of @Audited routes. */
@Module({
  imports: [AuditModule],
  controllers: [AuditLogController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
})
export class AuditHttpModule {}
