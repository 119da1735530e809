import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  UploadTargets,
  type UploadTarget,
} from '../../document-storage/application/upload-gate.js';
import { effectiveStatus } from '../domain/person-request.js';
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
  ) {}

  onModuleInit(): void {
    this.targets.register('person_requests', this);
  }

  async isOpen(id: string): Promise<boolean> {
    const request = await this.requests.findById(id);
    return request !== null && effectiveStatus(request, this.access.cutoff()) === 'NEW';
  }
}
