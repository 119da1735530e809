import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  UploadTargets,
  type UploadTarget,
} from '../../document-storage/application/upload-gate.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { effectiveStatus, type AuthMethodRequest } from '../domain/auth-method-request.js';
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
    private readonly uow: UnitOfWork,
  ) {}

  onModuleInit(): void {
    this.targets.register('authentication_method_requests', this);
  }

  async isOpen(id: string): Promise<boolean> {
    return this.open(await this.requests.findById(id));
  }

  /**
   * Under the request's row lock. Approve locks the person and then the request, a create that
   * cancels the request does too: holding the request's lock alone, and nothing else while it
   * waits for it, this never takes part in a deadlock with them.
   */
  whileOpen(id: string, work: () => Promise<void>): Promise<boolean> {
    return this.uow.run(async () => {
      if (!this.open(await this.requests.findByIdForUpdate(id))) return false;
      await work();
      return true;
    });
  }

  private open(request: AuthMethodRequest | null): boolean {
    return request !== null && effectiveStatus(request, this.access.cutoff()) === 'NEW';
  }
}
