import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  UploadTargets,
  type UploadTarget,
} from '../../../document-storage/application/upload-gate.js';
import type { AppConfig } from '../../../platform/config/app-config.js';
import { APP_CONFIG } from '../../../platform/config/config.tokens.js';
import { TypeOrmUnitOfWork } from '../../../platform/database/transaction-context.js';
import { Clock } from '../../../shared/application/clock.js';

const HOUR_MS = 3_600_000;

/**
 * Upload URLs of an authentication method request take files only while it is NEW and younger
 * than AUTH_METHOD_REQUEST_TTL_HOURS (api.md §5, §8): registered with document storage for the
 * keys `authentication_method_requests/<id>/...`. The expiry rule belongs in this feature's
 * domain once its requests expire on approve and resend too; it is here until then.
 */
@Injectable()
export class AuthMethodRequestUploadTarget implements UploadTarget, OnModuleInit {
  constructor(
    private readonly targets: UploadTargets,
    private readonly uow: TypeOrmUnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.targets.register('authentication_method_requests', this);
  }

  async isOpen(id: string): Promise<boolean> {
    const rows: { status: string; inserted_at: Date }[] = await this.uow
      .manager()
      .query('SELECT status, inserted_at FROM authentication_method_requests WHERE id = $1', [id]);
    if (rows.length === 0 || rows[0].status !== 'NEW') return false;
    const age = this.clock.now().getTime() - rows[0].inserted_at.getTime();
    return age < this.config.authMethodRequestTtlHours * HOUR_MS;
  }
}
