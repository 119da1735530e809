import { PERSON_ERRORS } from '../../person/domain/person-errors.js';
import { Injectable } from '@nestjs/common';
import { fail } from '../../kernel/domain/errors.js';
import { isUuid } from '../../kernel/domain/uuid.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import type { Person } from '../../person/domain/person.js';
import type { ConfidantRequest, ConfidantRequestStatus } from '../domain/confidant-request.js';
import type { Relationship } from '../domain/relationship.js';
import {
  ConfidantRequestRepository,
  type ConfidantRequestPage,
} from './confidant-request-repository.port.js';
import { ConfidantRequests } from './confidant-requests.js';
import { RelationshipRepository } from './relationship-repository.port.js';

/** A relationship with its confidant as the registry knows them (null: no longer there). */
export interface RelationshipView {
  readonly relationship: Relationship;
  readonly confidant: Person | null;
}

/**
 * Reads: one of the caller's requests, a page of the caller's requests of a person, and a page
 * of a person's relationships (registry data: any client, 403 for an unknown person).
 */
@Injectable()
export class ReadConfidantUseCase {
  constructor(
    private readonly requests: ConfidantRequests,
    private readonly repository: ConfidantRequestRepository,
    private readonly relationships: RelationshipRepository,
    private readonly registry: PersonRegistry,
  ) {}

  get(personId: string, requestId: string, clientId: string): Promise<ConfidantRequest> {
    return this.requests.get(requestId, clientId, this.requests.of(personId));
  }

  async listRequests(
    personId: string,
    clientId: string,
    status: ConfidantRequestStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<ConfidantRequestPage> {
    await this.existing(personId);
    const result = await this.repository.list(
      clientId,
      personId.toLowerCase(),
      status,
      this.requests.cutoff(),
      page,
      pageSize,
    );
    return { items: result.items.map((r) => this.requests.asOf(r)), total: result.total };
  }

  async listRelationships(
    personId: string,
    expired: boolean,
    page: number,
    pageSize: number,
  ): Promise<{ items: RelationshipView[]; total: number }> {
    const person = await this.existing(personId);
    const result = await this.relationships.list(
      person.id,
      expired,
      this.requests.today(),
      page,
      pageSize,
    );
    // One look-up per distinct confidant of the page: a person has few.
    const ids = [...new Set(result.items.map((r) => r.confidantPersonId))];
    const confidants = new Map(
      await Promise.all(ids.map(async (id) => [id, await this.registry.findById(id)] as const)),
    );
    return {
      items: result.items.map((relationship) => ({
        relationship,
        confidant: confidants.get(relationship.confidantPersonId) ?? null,
      })),
      total: result.total,
    };
  }

  private async existing(personId: string): Promise<Person> {
    const person = isUuid(personId) ? await this.registry.findById(personId) : null;
    if (!person) throw fail(PERSON_ERRORS.personNotFoundForbidden);
    return person;
  }
}
