import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  UploadTargets,
  type UploadTarget,
} from '../../document-storage/application/upload-gate.js';
import { effectiveStatus } from '../domain/auth-method-request.js';
import { AuthMethodRequestAccess } from './auth-method-request-access.js';
import { AuthMethodRequestRepository } from './auth-method-request-repository.port.js';

/**
 * The upload URLs of an authentication method request take files only while it is NEW and not
 * expired: registered with document storage for the keys `authentication_method_requests/<id>/…`.
 */
@Injectable()
export class AuthMethodRequestUploadTarget implements UploadTarget, OnModuleInit {
  constructor(
    private readonly targets: UploadTargets,
    private readonly requests: AuthMethodRequestRepository,
    private readonly access: AuthMethodRequestAccess,
  ) {}

  onModuleInit(): void {
    this.targets.register('authentication_method_requests', this);
  }

  async isOpen(id: string): Promise<boolean> {
    const request = await this.requests.findById(id);
    return request !== null && effectiveStatus(request, this.access.cutoff()) === 'NEW';
  }
}
