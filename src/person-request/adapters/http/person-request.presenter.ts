import type { CurrentMethod } from '../../../person/domain/current-method.js';
import { maskPhone } from '../../../shared/domain/phone.js';
import { displayStatus, type PersonRequest } from '../../domain/person-request.js';

export function presentPersonRequest(r: PersonRequest): Record<string, unknown> {
  return {
    id: r.id,
    status: displayStatus(r.status),
    channel: r.channel,
    person: r.person,
    patient_signed: r.patientSigned,
    process_disclosure_data_consent: r.processDisclosureDataConsent,
    ...(r.authorizeWith ? { authorize_with: r.authorizeWith } : {}),
    ...(r.content !== null ? { content: r.content } : {}),
    ...(r.personId !== null ? { person_id: r.personId } : {}),
    inserted_at: r.insertedAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

/** `urgent.authentication_method_current`: the type and, for OTP, the masked phone. */
export function presentCurrentMethod(current: CurrentMethod): Record<string, unknown> {
  return {
    type: current.type,
    ...(current.phoneNumber ? { number: maskPhone(current.phoneNumber) } : {}),
  };
}

export function presentListItem(r: PersonRequest): Record<string, unknown> {
  return {
    id: r.id,
    status: displayStatus(r.status),
    person: { names: r.person.names },
    version: 3,
  };
}
