import { randomUUID } from 'node:crypto';
import type {
  AuthMethod,
  AuthMethodType,
  Gender,
  Person,
  PersonStatus,
  VerificationReason,
  VerificationStatus,
} from '../../domain/person.js';
import {
  PersonAuthMethodOrmEntity,
  PersonDocumentOrmEntity,
  PersonOrmEntity,
} from './person.orm-entity.js';

export const PersonMapper = {
  toDomain(
    row: PersonOrmEntity,
    documents: readonly PersonDocumentOrmEntity[],
    methods: readonly PersonAuthMethodOrmEntity[],
  ): Person {
    return {
      id: row.id,
      firstName: row.first_name,
      lastName: row.last_name,
      secondName: row.second_name,
      birthDate: row.birth_date,
      gender: row.gender as Gender,
      taxId: row.tax_id,
      noTaxId: row.no_tax_id,
      status: row.status as PersonStatus,
      verificationStatus: row.verification_status as VerificationStatus,
      verificationReason: row.verification_reason as VerificationReason | null,
      verificationComment: row.verification_comment,
      documents: [...documents]
        .sort((a, b) => a.position - b.position)
        .map((d) => ({
          type: d.type,
          number: d.number,
          issuedAt: d.issued_at,
          expirationDate: d.expiration_date,
        })),
      authenticationMethods: methods.map((m) => PersonMapper.methodToDomain(m)),
      insertedBy: row.inserted_by,
      updatedBy: row.updated_by,
      insertedAt: row.inserted_at,
      updatedAt: row.updated_at,
    };
  },

  methodToDomain(m: PersonAuthMethodOrmEntity): AuthMethod {
    return {
      id: m.id,
      type: m.type as AuthMethodType,
      phoneNumber: m.phone_number,
      value: m.value,
      alias: m.alias,
      startedAt: m.started_at,
      endedAt: m.ended_at,
      insertedAt: m.inserted_at,
    };
  },

  toPersistence(person: Person): PersonOrmEntity {
    const row = new PersonOrmEntity();
    Object.assign(row, {
      id: person.id,
      first_name: person.firstName,
      last_name: person.lastName,
      second_name: person.secondName,
      birth_date: person.birthDate,
      gender: person.gender,
      tax_id: person.taxId,
      no_tax_id: person.noTaxId,
      status: person.status,
      verification_status: person.verificationStatus,
      verification_reason: person.verificationReason,
      verification_comment: person.verificationComment,
      inserted_by: person.insertedBy,
      updated_by: person.updatedBy,
      inserted_at: person.insertedAt,
      updated_at: person.updatedAt,
    });
    return row;
  },

  documentsToPersistence(person: Person): PersonDocumentOrmEntity[] {
    return person.documents.map((d, position) =>
      Object.assign(new PersonDocumentOrmEntity(), {
        id: randomUUID(),
        person_id: person.id,
        position,
        type: d.type,
        number: d.number,
        issued_at: d.issuedAt,
        expiration_date: d.expirationDate,
      }),
    );
  },

  methodToPersistence(personId: string, m: AuthMethod): PersonAuthMethodOrmEntity {
    return Object.assign(new PersonAuthMethodOrmEntity(), {
      id: m.id,
      person_id: personId,
      type: m.type,
      phone_number: m.phoneNumber,
      value: m.value,
      alias: m.alias,
      started_at: m.startedAt,
      ended_at: m.endedAt,
      inserted_at: m.insertedAt,
    });
  },
};
