import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { statement } from '../../../platform/database/statement.js';
import { TypeOrmUnitOfWork } from '../../../platform/database/transaction-context.js';
import type { VerificationChange } from '../../application/person-registry.port.js';
import { PersonRegistry } from '../../application/person-registry.port.js';
import type { AuthMethod, Person } from '../../domain/person.js';
import { PersonMapper, type PersonParts } from './person.mapper.js';
import {
  PersonAuthMethodOrmEntity,
  PersonDocumentOrmEntity,
  PersonNameOrmEntity,
  PersonOrmEntity,
  PersonPhoneOrmEntity,
} from './person.orm-entity.js';

const PERSON_SELECT = `SELECT p.id, p.first_name, p.last_name, p.second_name,
              p.birth_date::text AS birth_date, p.birth_country, p.birth_settlement,
              p.gender, p.tax_id, p.no_tax_id, p.status, p.verification_status,
              p.verification_reason, p.verification_comment, p.inserted_by, p.updated_by,
              p.inserted_at, p.updated_at,
              COALESCE((SELECT json_agg(json_build_object(
                  'type', d.type, 'number', d.number, 'position', d.position,
                  'issued_at', d.issued_at::text, 'expiration_date', d.expiration_date::text)
                  ORDER BY d.position)
                FROM person_documents d WHERE d.person_id = p.id), '[]'::json) AS documents,
              COALESCE((SELECT json_agg(json_build_object(
                  'id', m.id, 'person_id', m.person_id, 'type', m.type, 'phone_number', m.phone_number,
                  'value', m.value, 'alias', m.alias, 'started_at', m.started_at,
                  'ended_at', m.ended_at, 'inserted_at', m.inserted_at,
                  'inserted_by', m.inserted_by, 'updated_by', m.updated_by,
                  'updated_at', m.updated_at))
                FROM person_authentication_methods m WHERE m.person_id = p.id), '[]'::json) AS methods,
              COALESCE((SELECT json_agg(json_build_object(
                  'position', n.position, 'language', n.language, 'first_name', n.first_name,
                  'last_name', n.last_name, 'second_name', n.second_name) ORDER BY n.position)
                FROM person_names n WHERE n.person_id = p.id), '[]'::json) AS names,
              COALESCE((SELECT json_agg(json_build_object(
                  'position', ph.position, 'type', ph.type, 'number', ph.number) ORDER BY ph.position)
                FROM person_phones ph WHERE ph.person_id = p.id), '[]'::json) AS phones
         FROM persons p`;

/**
 * The statements of the approve path, exported so the benchmark's database ceiling sends exactly
 * what the service sends (bench/approve-sql.mjs).
 */
export const PERSON_SQL = {
  /** The person's row lock: every change of one person's methods queues here. */
  lock: statement('person_lock', `SELECT id FROM persons WHERE id = $1 FOR UPDATE`),
  /** The person with documents, methods, names and phones as JSON, in one round trip. */
  load: statement('person_load', `${PERSON_SELECT} WHERE p.id = $1`),
  /** Several persons so, by id (the hits of a search). */
  loadMany: statement('person_load_many', `${PERSON_SELECT} WHERE p.id = ANY($1::uuid[])`),
  addMethod: statement(
    'person_add_method',
    `INSERT INTO person_authentication_methods
         (id, person_id, type, phone_number, value, alias, started_at, ended_at, inserted_at,
          inserted_by, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $9)`,
  ),
  endMethods: statement(
    'person_end_methods',
    `UPDATE person_authentication_methods
        SET ended_at = $1, updated_at = $1, updated_by = $3
      WHERE id = ANY($2::uuid[])`,
  ),
  renameMethod: statement(
    'person_rename_method',
    `UPDATE person_authentication_methods SET alias = $2, updated_by = $3, updated_at = $4
      WHERE id = $1`,
  ),
  changeVerification: statement(
    'person_change_verification',
    `UPDATE persons
          SET verification_status = $2, verification_reason = $3,
              verification_comment = CASE WHEN $4 THEN verification_comment ELSE $5 END,
              updated_by = $6, updated_at = $7
        WHERE id = $1`,
  ),
} as const;

interface RawMethod {
  readonly started_at: string;
  readonly ended_at: string | null;
  readonly inserted_at: string;
  readonly updated_at: string;
  readonly [key: string]: unknown;
}

interface RawPerson {
  readonly documents: PersonParts['documents'];
  readonly methods: RawMethod[];
  readonly names: PersonParts['names'];
  readonly phones: PersonParts['phones'];
  readonly [key: string]: unknown;
}

/** PersonRegistry on this service's PostgreSQL schema. */
@Injectable()
export class TypeOrmPersonRegistry extends PersonRegistry {
  constructor(private readonly uow: TypeOrmUnitOfWork) {
    super();
  }

  findById(id: string): Promise<Person | null> {
    return this.load(id);
  }

  /**
   * Two statements on purpose: the lock first, then the read. A single `SELECT … FOR UPDATE`
   * that waited for the lock re-reads only the locked row; its subqueries (the methods) would
   * still come from the snapshot taken before the wait, i.e. from before the change it waited for.
   */
  async findByIdForUpdate(id: string): Promise<Person | null> {
    const locked: unknown[] = await this.uow.execute(PERSON_SQL.lock, [id]);
    return locked.length === 0 ? null : this.load(id);
  }

  /**
   * One round trip: the person with its documents, methods, names and phones as JSON (the
   * approve path loads a person inside its transaction, so every statement counts).
   */
  private async load(id: string): Promise<Person | null> {
    const rows = await this.uow.execute<RawPerson[]>(PERSON_SQL.load, [id]);
    return rows[0] ? personOf(rows[0]) : null;
  }

  /** The persons of the given ids that exist, in no particular order, in one round trip. */
  async findByIds(ids: readonly string[]): Promise<Person[]> {
    if (ids.length === 0) return [];
    const rows = await this.uow.execute<RawPerson[]>(PERSON_SQL.loadMany, [[...ids]]);
    return rows.map(personOf);
  }

  async methodsOf(
    personIds: readonly string[],
  ): Promise<ReadonlyMap<string, readonly AuthMethod[]>> {
    const result = new Map<string, AuthMethod[]>();
    if (personIds.length === 0) return result;
    const rows = await this.uow
      .manager()
      .getRepository(PersonAuthMethodOrmEntity)
      .find({ where: { person_id: In([...new Set(personIds)]) } });
    for (const row of rows) {
      const list = result.get(row.person_id) ?? [];
      list.push(PersonMapper.methodToDomain(row));
      result.set(row.person_id, list);
    }
    return result;
  }

  async create(person: Person): Promise<void> {
    const manager = this.uow.manager();
    await manager.insert(PersonOrmEntity, PersonMapper.toPersistence(person));
    const documents = PersonMapper.documentsToPersistence(person);
    if (documents.length > 0) await manager.insert(PersonDocumentOrmEntity, documents);
    const methods = person.authenticationMethods.map((m) =>
      PersonMapper.methodToPersistence(person.id, m, person.insertedBy),
    );
    if (methods.length > 0) await manager.insert(PersonAuthMethodOrmEntity, methods);
    await this.insertNamesAndPhones(person);
  }

  private async insertNamesAndPhones(person: Person): Promise<void> {
    const manager = this.uow.manager();
    const names = PersonMapper.namesToPersistence(person);
    if (names.length > 0) await manager.insert(PersonNameOrmEntity, names);
    const phones = PersonMapper.phonesToPersistence(person);
    if (phones.length > 0) await manager.insert(PersonPhoneOrmEntity, phones);
  }

  async updateDetails(person: Person): Promise<void> {
    const manager = this.uow.manager();
    const row = PersonMapper.toPersistence(person);
    await manager.update(
      PersonOrmEntity,
      { id: person.id },
      {
        first_name: row.first_name,
        last_name: row.last_name,
        second_name: row.second_name,
        birth_date: row.birth_date,
        birth_country: row.birth_country,
        birth_settlement: row.birth_settlement,
        gender: row.gender,
        tax_id: row.tax_id,
        no_tax_id: row.no_tax_id,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      },
    );
    await manager.delete(PersonDocumentOrmEntity, { person_id: person.id });
    const documents = PersonMapper.documentsToPersistence(person);
    if (documents.length > 0) await manager.insert(PersonDocumentOrmEntity, documents);
    await manager.delete(PersonNameOrmEntity, { person_id: person.id });
    await manager.delete(PersonPhoneOrmEntity, { person_id: person.id });
    await this.insertNamesAndPhones(person);
  }

  async addMethod(personId: string, method: AuthMethod, by: string | null = null): Promise<void> {
    await this.uow.execute(PERSON_SQL.addMethod, [
      method.id,
      personId,
      method.type,
      method.phoneNumber,
      method.value,
      method.alias,
      method.startedAt,
      method.endedAt,
      method.insertedAt,
      by,
    ]);
  }

  async endMethods(
    methodIds: readonly string[],
    at: Date,
    by: string | null = null,
  ): Promise<void> {
    if (methodIds.length === 0) return;
    await this.uow.execute(PERSON_SQL.endMethods, [at, [...methodIds], by]);
  }

  async renameMethod(
    methodId: string,
    alias: string,
    by: string | null = null,
    at: Date = new Date(),
  ): Promise<void> {
    await this.uow.execute(PERSON_SQL.renameMethod, [methodId, alias, by, at]);
  }

  async changeVerification(
    personId: string,
    change: VerificationChange,
    by: string | null,
    at: Date,
  ): Promise<void> {
    const keepComment = change.comment === undefined;
    await this.uow.execute(PERSON_SQL.changeVerification, [
      personId,
      change.status,
      change.reason,
      keepComment,
      change.comment ?? null,
      by,
      at,
    ]);
  }
}

function personOf(row: RawPerson): Person {
  const { documents, methods, names, phones, ...person } = row;
  return PersonMapper.toDomain(Object.assign(new PersonOrmEntity(), person), {
    documents,
    names,
    phones,
    methods: methods.map((m) =>
      Object.assign(new PersonAuthMethodOrmEntity(), {
        ...m,
        started_at: new Date(m.started_at),
        ended_at: m.ended_at === null ? null : new Date(m.ended_at),
        inserted_at: new Date(m.inserted_at),
        updated_at: new Date(m.updated_at),
      }),
    ),
  });
}
