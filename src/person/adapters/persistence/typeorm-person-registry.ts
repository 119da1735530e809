import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TypeOrmUnitOfWork } from '../../../platform/database/transaction-context.js';
import type { VerificationChange } from '../../application/person-registry.port.js';
import { PersonRegistry } from '../../application/person-registry.port.js';
import type { AuthMethod, Person } from '../../domain/person.js';
import { PersonMapper } from './person.mapper.js';
import {
  PersonAuthMethodOrmEntity,
  PersonDocumentOrmEntity,
  PersonOrmEntity,
} from './person.orm-entity.js';

/** PersonRegistry on this service's PostgreSQL schema. */
@Injectable()
export class TypeOrmPersonRegistry extends PersonRegistry {
  constructor(private readonly uow: TypeOrmUnitOfWork) {
    super();
  }

  findById(id: string): Promise<Person | null> {
    return this.load(id, false);
  }

  findByIdForUpdate(id: string): Promise<Person | null> {
    return this.load(id, true);
  }

  private async load(id: string, lock: boolean): Promise<Person | null> {
    const manager = this.uow.manager();
    const query = manager
      .getRepository(PersonOrmEntity)
      .createQueryBuilder('p')
      .where('p.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    const row = await query.getOne();
    if (!row) return null;
    const [documents, methods] = await Promise.all([
      manager.getRepository(PersonDocumentOrmEntity).find({ where: { person_id: id } }),
      manager.getRepository(PersonAuthMethodOrmEntity).find({ where: { person_id: id } }),
    ]);
    return PersonMapper.toDomain(row, documents, methods);
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
      PersonMapper.methodToPersistence(person.id, m),
    );
    if (methods.length > 0) await manager.insert(PersonAuthMethodOrmEntity, methods);
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
  }

  async addMethod(personId: string, method: AuthMethod): Promise<void> {
    await this.uow
      .manager()
      .insert(PersonAuthMethodOrmEntity, PersonMapper.methodToPersistence(personId, method));
  }

  async endMethods(methodIds: readonly string[], at: Date): Promise<void> {
    if (methodIds.length === 0) return;
    await this.uow
      .manager()
      .update(PersonAuthMethodOrmEntity, { id: In([...methodIds]) }, { ended_at: at });
  }

  async renameMethod(methodId: string, alias: string): Promise<void> {
    await this.uow.manager().update(PersonAuthMethodOrmEntity, { id: methodId }, { alias });
  }

  async changeVerification(
    personId: string,
    change: VerificationChange,
    by: string | null,
    at: Date,
  ): Promise<void> {
    await this.uow.manager().update(
      PersonOrmEntity,
      { id: personId },
      {
        verification_status: change.status,
        verification_reason: change.reason,
        ...(change.comment !== undefined ? { verification_comment: change.comment } : {}),
        updated_by: by,
        updated_at: at,
      },
    );
  }
}
