import { displayStatus, type PersonRequest } from '../../domain/person-request.js';

export function presentPersonRequest(r: PersonRequest): Record<string, unknown> {
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

export function presentListItem(r: PersonRequest): Record<string, unknown> {
  return {
    id: r.id,
    status: displayStatus(r.status),
    person: { names: r.person.asSent.names },
    version: 3,
  };
}
