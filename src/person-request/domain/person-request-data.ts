import type { JsonObject } from '../../kernel/domain/json.js';
import { displayStatus, type PersonRequest } from './person-request.js';
import { registryName } from './v3-person.js';

/**
 * The request as the registry shows it (`data` of GET and approve), in its version's shape: the
 * person as sent (v2 flat names, v3 `names[]`), the rest alike. It is also the document the
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

/** `data` of a sign, both versions: the request SIGNED and the id of the person written. */
export function signedRequestData(r: PersonRequest): JsonObject {
  return {
    id: r.id,
    status: r.status,
    person_id: r.personId,
    inserted_at: r.insertedAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

/** An item of the v3 list: the registry's short form. */
export function personRequestListItem(r: PersonRequest): JsonObject {
  return {
    id: r.id,
    status: displayStatus(r.status),
    person: { names: r.person.asSent.names },
    version: 3,
  };
}

/**
 * An item of the version-neutral list (`GET /api/person_requests`): the person's flat names (of a
 * v3 request, its `uk` name; `last_name` "" when the person has none, `second_name` left out),
 * and the request's version.
 */
export function anyVersionListItem(r: PersonRequest): JsonObject {
  const name = registryName(r.person);
  return {
    id: r.id,
    status: displayStatus(r.status),
    person: {
      first_name: name.firstName,
      last_name: name.lastName,
      ...(name.secondName !== null ? { second_name: name.secondName } : {}),
    },
    version: r.version,
  };
}
