import type { JsonObject } from '../../kernel/domain/json.js';
import { displayStatus, type PersonRequest } from './person-request.js';

/**
 * The request as the registry shows it (`data` of GET and approve). It is also the document the
 * patient signs: sign compares the signed JSON with it.
 */
export function personRequestData(r: PersonRequest): JsonObject {
  return {
    id: r.id,
    status: displayStatus(r.status),
    channel: r.channel,
    person: r.person.asSent,
    patient_signed: r.patientSigned,
    process_disclosure_data_consent: r.processDisclosureDataConsent,
    ...(r.authorizeWith ? { authorize_with: r.authorizeWith } : {}),
    ...(r.content !== null ? { content: r.content } : {}),
    ...(r.personId !== null ? { person_id: r.personId } : {}),
    inserted_at: r.insertedAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

/** An item of the list: the registry's short form. */
export function personRequestListItem(r: PersonRequest): JsonObject {
  return {
    id: r.id,
    status: displayStatus(r.status),
    person: { names: r.person.asSent.names },
    version: 3,
  };
}
