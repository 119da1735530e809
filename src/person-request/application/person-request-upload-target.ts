import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  UploadTargets,
  type UploadTarget,
} from '../../document-storage/application/upload-gate.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { effectiveStatus, type PersonRequest } from '../domain/person-request.js';
import { PersonRequestAccess } from './person-request-access.js';
import { PersonRequestRepository } from './person-request-repository.port.js';

/**
 * The upload URLs of a person request take files only while it is NEW and not expired:
 * registered with document storage for the keys `person_requests/<id>/…`.
 */
@Injectable()
export class PersonRequestUploadTarget implements UploadTarget, OnModuleInit {
  constructor(
    private readonly targets: UploadTargets,
    private readonly requests: PersonRequestRepository,
    private readonly access: PersonRequestAccess,
    private readonly uow: UnitOfWork,
  ) {}

  onModuleInit(): void {
    this.targets.register('person_requests', this);
  }

  async isOpen(id: string): Promise<boolean> {
    return this.open(await this.requests.findById(id));
  }

  /** Under the row lock approve and reject take (they lock the request alone). */
  whileOpen(id: string, work: () => Promise<void>): Promise<boolean> {
    return this.uow.run(async () => {
      if (!this.open(await this.requests.findByIdForUpdate(id))) return false;
      await work();
      return true;
    });
  }

  private open(request: PersonRequest | null): boolean {
    return request !== null && effectiveStatus(request, this.access.cutoff()) === 'NEW';
  }
}
