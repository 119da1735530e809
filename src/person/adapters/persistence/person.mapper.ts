import { randomUUID } from 'node:crypto';
import { nameKey } from '../../domain/person-search.js';
import {
  registryNameOf,
  type AuthMethod,
  type AuthMethodType,
  type Gender,
  type Person,
  type PersonName,
  type PersonStatus,
  type VerificationReason,
  type VerificationStatus,
} from '../../domain/person.js';
import {
  PersonAuthMethodOrmEntity,
  PersonDocumentOrmEntity,
  PersonNameOrmEntity,
  PersonOrmEntity,
  PersonPhoneOrmEntity,
} from './person.orm-entity.js';

/** The rows of a person's own tables, as the registry reads them with the person. */
export interface PersonParts {
  readonly documents: readonly PersonDocumentOrmEntity[];
  readonly methods: readonly PersonAuthMethodOrmEntity[];
  readonly names: readonly Pick<
    PersonNameOrmEntity,
    'language' | 'first_name' | 'last_name' | 'second_name' | 'position'
  >[];
  readonly phones: readonly Pick<PersonPhoneOrmEntity, 'type' | 'number' | 'position'>[];
}

const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

export const PersonMapper = {
  toDomain(row: PersonOrmEntity, parts: PersonParts): Person {
    const { documents, methods, names, phones } = parts;
    return {
      id: row.id,
      firstName: row.first_name,
      lastName: row.last_name,
      secondName: row.second_name,
      names: [...names].sort(byPosition).map((n): PersonName => ({
        language: n.language,
        firstName: n.first_name,
        lastName: n.last_name,
        secondName: n.second_name,
      })),
      birthDate: row.birth_date,
      birthCountry: row.birth_country,
      birthSettlement: row.birth_settlement,
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
      phones: [...phones].sort(byPosition).map((p) => ({ type: p.type, number: p.number })),
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
      insertedBy: m.inserted_by,
      updatedBy: m.updated_by,
      updatedAt: m.updated_at,
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
      birth_country: person.birthCountry,
      birth_settlement: person.birthSettlement,
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

  /**
   * Each name with its search keys; the registry name (what v1 search compares) and the first
   * entry of each language (what v2 compares) flagged.
   */
  namesToPersistence(person: Person): PersonNameOrmEntity[] {
    const registryName = registryNameOf(person.names);
    return person.names.map((n, position) =>
      Object.assign(new PersonNameOrmEntity(), {
        person_id: person.id,
        position,
        language: n.language,
        registry_name: n === registryName,
        first_of_language: person.names.findIndex((m) => m.language === n.language) === position,
        first_name: n.firstName,
        last_name: n.lastName,
        second_name: n.secondName,
        birth_date: person.birthDate,
        first_name_key: nameKey(n.firstName),
        last_name_key: nameKey(n.lastName),
        second_name_key: nameKey(n.secondName),
      }),
    );
  },

  phonesToPersistence(person: Person): PersonPhoneOrmEntity[] {
    return person.phones.map((p, position) =>
      Object.assign(new PersonPhoneOrmEntity(), {
        person_id: person.id,
        position,
        type: p.type,
        number: p.number,
      }),
    );
  },

  /** A method written now by `by` (the acting user; null when unknown). */
  methodToPersistence(
    personId: string,
    m: AuthMethod,
    by: string | null,
  ): PersonAuthMethodOrmEntity {
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
      inserted_by: m.insertedBy === undefined ? by : m.insertedBy,
      updated_by: m.updatedBy === undefined ? by : m.updatedBy,
      updated_at: m.updatedAt ?? m.insertedAt,
    });
  },
};
