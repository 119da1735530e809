import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  AttemptRecords,
  type AttemptRecord,
} from '../../document-storage/application/attempt-records.js';
import { PersonRequestRepository } from './person-request-repository.port.js';

/**
 * Tells document storage which attempt of `person_requests/<id>/signed_content.p7s` a sign kept:
 * the key its transaction recorded on the request. Registered for the keys `person_requests/…`.
 */
@Injectable()
export class PersonRequestSignedContent implements AttemptRecord, OnModuleInit {
  constructor(
    private readonly records: AttemptRecords,
    private readonly requests: PersonRequestRepository,
  ) {}

  onModuleInit(): void {
    this.records.register('person_requests', this);
  }

  async recordedAttempt(id: string): Promise<string | null> {
    return (await this.requests.findById(id))?.signedContentAttemptKey ?? null;
  }
}
