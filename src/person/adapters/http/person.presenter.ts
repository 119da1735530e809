import { maskName, maskTail } from '../../../kernel/domain/masks.js';
import { maskPhone } from '../../../kernel/domain/phone.js';
import { isActive } from '../../domain/authentication-methods.js';
import type { AuthMethod, Person } from '../../domain/person.js';
import type { PersonVerification } from '../../application/read-person-verification.use-case.js';
import { PERSON_REGISTERS } from '../../domain/register-verification.js';

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

/**
 * An item of `GET /api/persons/{id}/authentication_methods`, as the registry answers it: the
 * phone masked, whether it is active, whose it is, and who wrote and changed it when; a
 * THIRD_PERSON item whose third person exists carries that person as `confidant_person`.
 */
export function presentListedMethod(
  personId: string,
  m: AuthMethod,
  now: Date,
  thirdPersons: ReadonlyMap<string, Person>,
): Record<string, unknown> {
  const third = m.type === 'THIRD_PERSON' && m.value ? thirdPersons.get(m.value) : undefined;
  return {
    id: m.id,
    type: m.type,
    phone_number: m.phoneNumber === null ? null : maskPhone(m.phoneNumber),
    value: m.value,
    alias: m.alias,
    is_active: isActive(m, now),
    person_id: personId,
    started_at: m.startedAt.toISOString(),
    ended_at: m.endedAt ? m.endedAt.toISOString() : null,
    inserted_at: m.insertedAt.toISOString(),
    inserted_by: m.insertedBy ?? null,
    updated_at: (m.updatedAt ?? m.insertedAt).toISOString(),
    updated_by: m.updatedBy ?? null,
    ...(third ? { confidant_person: presentConfidantOfMethod(third) } : {}),
  };
}

/**
 * `GET /api/persons/{id}/verification`: the person's status and each register's details, as the
 * registry answers them; the person's reason and comment stay at the top too.
 */
export function presentVerification({ person, registers }: PersonVerification): unknown {
  return {
    verification_status: person.verificationStatus,
    verification_reason: person.verificationReason,
    verification_comment: person.verificationComment,
    details: Object.fromEntries(
      registers.map((r) => {
        const extra = PERSON_REGISTERS[r.register];
        const value =
          extra === 'comment' ? r.comment : extra === 'result' ? r.result : extra ? r.status : null;
        const key = extra === 'comment' ? 'verification_comment' : extra;
        return [
          r.register,
          {
            verification_status: r.verificationStatus,
            verification_reason: r.verificationReason,
            ...(key !== null && value !== null && value !== undefined ? { [key]: value } : {}),
          },
        ];
      }),
    ),
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

/**
 * A THIRD_PERSON item's `confidant_person`: the third person, masked as the registry lists it
 * (`phones` is one object: their OTP phone, else their first contact phone).
 */
export function presentConfidantOfMethod(third: Person): Record<string, unknown> {
  const phone =
    third.authenticationMethods.find((m) => m.type === 'OTP' && m.phoneNumber && !m.endedAt)
      ?.phoneNumber ?? third.phones[0]?.number;
  return {
    id: third.id,
    name: maskName(third),
    gender: third.gender,
    ...(third.taxId ? { tax_id: maskTail(third.taxId) } : {}),
    no_tax_id: third.noTaxId,
    documents_person: third.documents.map((d) => ({ type: d.type, number: maskTail(d.number) })),
    ...(phone ? { phones: { number: maskPhone(phone) } } : {}),
  };
}
