import type { AuthMethod, Person } from '../../domain/person.js';

export function presentMethod(m: AuthMethod): Record<string, unknown> {
  return {
    id: m.id,
    type: m.type,
    phone_number: m.phoneNumber,
    value: m.value,
    alias: m.alias,
    started_at: m.startedAt.toISOString(),
    ended_at: m.endedAt ? m.endedAt.toISOString() : null,
  };
}

export function presentPerson(p: Person): Record<string, unknown> {
  return {
    id: p.id,
    first_name: p.firstName,
    last_name: p.lastName,
    second_name: p.secondName,
    names: p.names.map((n) => ({
      language: n.language,
      first_name: n.firstName,
      last_name: n.lastName,
      second_name: n.secondName,
    })),
    birth_date: p.birthDate,
    birth_country: p.birthCountry,
    birth_settlement: p.birthSettlement,
    gender: p.gender,
    tax_id: p.taxId,
    no_tax_id: p.noTaxId,
    status: p.status,
    verification_status: p.verificationStatus,
    verification_reason: p.verificationReason,
    verification_comment: p.verificationComment,
    documents: p.documents.map((d) => ({
      type: d.type,
      number: d.number,
      issued_at: d.issuedAt,
      expiration_date: d.expirationDate,
    })),
    phones: p.phones.map((ph) => ({ type: ph.type, number: ph.number })),
    authentication_methods: p.authenticationMethods.map(presentMethod),
    inserted_at: p.insertedAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}
