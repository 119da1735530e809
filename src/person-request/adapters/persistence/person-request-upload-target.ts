import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  UploadTargets,
  type UploadTarget,
} from '../../../document-storage/application/upload-gate.js';
import type { AppConfig } from '../../../platform/config/app-config.js';
import { APP_CONFIG } from '../../../platform/config/config.tokens.js';
import { TypeOrmUnitOfWork } from '../../../platform/database/transaction-context.js';
import { Clock } from '../../../shared/application/clock.js';
import { effectiveStatus, type PrStatus } from '../../domain/person-request.js';

/**
 * Upload URLs of a person request take files only while it is NEW and not expired (api.md §8):
 * registered with document storage for the keys `person_requests/<id>/...`.
 */
@Injectable()
export class PersonRequestUploadTarget implements UploadTarget, OnModuleInit {
  constructor(
    private readonly targets: UploadTargets,
    private readonly uow: TypeOrmUnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.targets.register('person_requests', this);
  }

  async isOpen(id: string): Promise<boolean> {
    const rows: { status: PrStatus; inserted_at: Date }[] = await this.uow
      .manager()
      .query('SELECT status, inserted_at FROM person_requests WHERE id = $1', [id]);
    if (rows.length === 0) return false;
    const request = { status: rows[0].status, insertedAt: rows[0].inserted_at };
    return effectiveStatus(request, this.clock.now(), this.config.personRequestTtlDays) === 'NEW';
  }
}
