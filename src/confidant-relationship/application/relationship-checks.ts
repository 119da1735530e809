import { fail } from '../../kernel/domain/errors.js';
import { CONFIDANT_ERRORS } from '../domain/confidant-errors.js';
import type { ConfidantRequest } from '../domain/confidant-request.js';
import { deactivateRejection, relationshipLimitRejection } from '../domain/create-rules.js';
import type { Relationship } from '../domain/relationship.js';
import type { RelationshipRepository } from './relationship-repository.port.js';

/**
 * What a request does is still possible now (called under the person's lock): an INSERT's
 * confidant is not one already and the person has room for one more; a DEACTIVATE's relationship
 * still holds. Returns the relationship a DEACTIVATE ends (locked).
 */
export async function relationshipStillPossible(
  relationships: RelationshipRepository,
  request: ConfidantRequest,
  today: string,
  maxConfidants: number,
): Promise<Relationship | null> {
  if (request.action === 'DEACTIVATE') {
    const relationship = await relationships.findByIdForUpdate(request.relationship!.id);
    const rejection = deactivateRejection(relationship, request.personId, today);
    if (rejection) throw rejection;
    return relationship;
  }
  const holding = await relationships.holdingOf(request.personId, today);
  if (holding.some((r) => r.confidantPersonId === request.confidantPersonId)) {
    throw fail(CONFIDANT_ERRORS.relationshipExists);
  }
  const limit = relationshipLimitRejection(holding.length, maxConfidants);
  if (limit) throw limit;
  return null;
}
