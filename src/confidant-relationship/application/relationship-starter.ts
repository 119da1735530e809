import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Acting } from '../../kernel/application/acting.js';
import { ageOn, dateInKyiv } from '../../kernel/domain/calendar.js';
import { fail, invalid } from '../../kernel/domain/errors.js';
import { isJsonObject } from '../../kernel/domain/json.js';
import { isUuid } from '../../kernel/domain/uuid.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import { CONFIDANT_ERRORS, CONFIDANT_INVALID_TEXT } from '../domain/confidant-errors.js';
import type { RelationshipDocument } from '../domain/confidant-request.js';
import { ADULT_AGE, relationshipLimitRejection } from '../domain/create-rules.js';
import { relationshipEnd } from '../domain/relationship.js';
import { CONFIDANT_SETTINGS, type ConfidantSettings } from './confidant.settings.js';
import { RelationshipRepository } from './relationship-repository.port.js';

const AT = '$.person.confidant_person.person_id';

/**
 * Starts the relationship a signed person request names in `confidant_person`
 * (`{ person_id, documents_relationship[] }`), inside the caller's unit of work, the one that
 * writes the person: both are written, or neither. The confidant is checked as an INSERT request
 * checks it (exists, active, not the person, adult; not one already; room for one more); a
 * refusal fails the sign.
 */
@Injectable()
export class RelationshipStarter {
  constructor(
    private readonly registry: PersonRegistry,
    private readonly relationships: RelationshipRepository,
    @Inject(CONFIDANT_SETTINGS) private readonly settings: ConfidantSettings,
  ) {}

  /** Does nothing when `confidantPerson` names no confidant. */
  async start(
    person: { readonly id: string; readonly birthDate: string },
    confidantPerson: unknown,
    acting: Acting,
    now: Date,
  ): Promise<void> {
    if (!isJsonObject(confidantPerson) || confidantPerson.person_id === undefined) return;
    const confidantId = confidantPerson.person_id;
    const confidant = isUuid(confidantId)
      ? await this.registry.findById(confidantId.toLowerCase())
      : null;
    const today = dateInKyiv(now);
    if (!confidant) throw invalid(AT, CONFIDANT_INVALID_TEXT.notFound);
    if (confidant.status !== 'active') throw invalid(AT, CONFIDANT_INVALID_TEXT.inactive);
    if (confidant.id === person.id) throw invalid(AT, CONFIDANT_INVALID_TEXT.self);
    if (ageOn(confidant.birthDate, today) < ADULT_AGE) {
      throw invalid(AT, CONFIDANT_INVALID_TEXT.notAdult);
    }
    const holding = await this.relationships.holdingOf(person.id, today);
    if (holding.some((r) => r.confidantPersonId === confidant.id)) {
      throw fail(CONFIDANT_ERRORS.relationshipExists);
    }
    const limit = relationshipLimitRejection(holding.length, this.settings.maxConfidants);
    if (limit) throw limit;
    const documents = documentsOf(confidantPerson.documents_relationship);
    await this.relationships.endLapsed(person.id, confidant.id, today);
    await this.relationships.insert({
      id: randomUUID(),
      personId: person.id,
      confidantPersonId: confidant.id,
      documents,
      activeTo: relationshipEnd(documents, person.birthDate, today, this.settings),
      isActive: true,
      verificationStatus: 'VERIFICATION_NEEDED',
      verificationReason: 'MANUAL_CREATED_BY_DOCTOR',
      insertedBy: acting.userId,
      updatedBy: acting.userId,
      insertedAt: now,
      updatedAt: now,
    });
  }
}

/** The documents as the person request's validation let them through (strings, dates cut). */
function documentsOf(value: unknown): RelationshipDocument[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isJsonObject).map((d) => ({
    type: text(d.type) ?? '',
    number: text(d.number) ?? '',
    issuedBy: text(d.issued_by),
    issuedAt: text(d.issued_at)?.slice(0, 10) ?? null,
    activeTo: text(d.active_to)?.slice(0, 10) ?? null,
  }));
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
