import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '../../../platform/database/transaction-context.js';
import { PersonFinder } from '../../application/person-finder.port.js';
import type { PersonSearchCriteria } from '../../domain/person-search.js';
import type { Person } from '../../domain/person.js';
import { personSearchSql } from './person-search.sql.js';
import { TypeOrmPersonRegistry } from './typeorm-person-registry.js';

/** PersonFinder on this service's PostgreSQL schema: the ids by index, then the persons. */
@Injectable()
export class TypeOrmPersonFinder extends PersonFinder {
  constructor(
    private readonly uow: TypeOrmUnitOfWork,
    private readonly registry: TypeOrmPersonRegistry,
  ) {
    super();
  }

  async findExact(criteria: PersonSearchCriteria, now: Date, limit: number): Promise<Person[]> {
    const { text, params } = personSearchSql(criteria, now, limit);
    const rows: { id: string }[] = await this.uow.manager().query(text, [...params]);
    return this.registry.findByIds(rows.map((r) => r.id));
  }
}
