import { Injectable } from '@nestjs/common';
import { boundedCount } from '../../../platform/database/bounded-count.js';
import { TypeOrmUnitOfWork } from '../../../platform/database/transaction-context.js';
import {
  RelationshipRepository,
  type RelationshipPage,
} from '../../application/relationship-repository.port.js';
import type { RelationshipDocument } from '../../domain/confidant-request.js';
import type { Relationship } from '../../domain/relationship.js';

interface Row {
  readonly id: string;
  readonly person_id: string;
  readonly confidant_person_id: string;
  readonly documents_relationship: RelationshipDocument[];
  readonly active_to: string;
  readonly is_active: boolean;
  readonly verification_status: string;
  readonly verification_reason: string;
  readonly inserted_by: string | null;
  readonly updated_by: string | null;
  readonly inserted_at: Date;
  readonly updated_at: Date;
}

const TABLE = 'confidant_person_relationships';
/** `active_to` as text: the calendar date, whatever the session's time zone. */
const COLUMNS = `id, person_id, confidant_person_id, documents_relationship,
  to_char(active_to, 'YYYY-MM-DD') AS active_to, is_active, verification_status,
  verification_reason, inserted_by, updated_by, inserted_at, updated_at`;
/** A relationship that holds on the date `$n`. */
const HOLDS = (n: number) => `(is_active AND active_to >= $${n}::date)`;

const SQL = {
  insert: `INSERT INTO ${TABLE} (id, person_id, confidant_person_id, documents_relationship,
      active_to, is_active, verification_status, verification_reason, inserted_by, updated_by,
      inserted_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
  byId: `SELECT ${COLUMNS} FROM ${TABLE} WHERE id = $1`,
  byIdForUpdate: `SELECT ${COLUMNS} FROM ${TABLE} WHERE id = $1 FOR UPDATE`,
  holding: `SELECT ${COLUMNS} FROM ${TABLE} WHERE person_id = $1 AND ${HOLDS(2)}`,
  endLapsed: `UPDATE ${TABLE} SET is_active = false
    WHERE person_id = $1 AND confidant_person_id = $2 AND is_active AND active_to < $3::date`,
  updateState: `UPDATE ${TABLE}
      SET is_active = $2, active_to = $3, updated_by = $4, updated_at = $5
    WHERE id = $1`,
} as const;

@Injectable()
export class TypeOrmRelationshipRepository extends RelationshipRepository {
  constructor(private readonly uow: TypeOrmUnitOfWork) {
    super();
  }

  async insert(r: Relationship): Promise<void> {
    await this.uow
      .manager()
      .query(SQL.insert, [
        r.id,
        r.personId,
        r.confidantPersonId,
        JSON.stringify(r.documents),
        r.activeTo,
        r.isActive,
        r.verificationStatus,
        r.verificationReason,
        r.insertedBy,
        r.updatedBy,
        r.insertedAt,
        r.updatedAt,
      ]);
  }

  findById(id: string): Promise<Relationship | null> {
    return this.one(SQL.byId, id);
  }

  findByIdForUpdate(id: string): Promise<Relationship | null> {
    return this.one(SQL.byIdForUpdate, id);
  }

  async holdingOf(personId: string, today: string): Promise<Relationship[]> {
    const rows: Row[] = await this.uow.manager().query(SQL.holding, [personId, today]);
    return rows.map(toDomain);
  }

  async endLapsed(personId: string, confidantPersonId: string, today: string): Promise<void> {
    await this.uow.manager().query(SQL.endLapsed, [personId, confidantPersonId, today]);
  }

  async updateState(r: Relationship): Promise<void> {
    await this.uow
      .manager()
      .query(SQL.updateState, [r.id, r.isActive, r.activeTo, r.updatedBy, r.updatedAt]);
  }

  // Served by confidant_relationships_person_time_idx in the list's order.
  async list(
    personId: string,
    expired: boolean,
    today: string,
    page: number,
    pageSize: number,
  ): Promise<RelationshipPage> {
    const params: unknown[] = [personId, today];
    const where = `person_id = $1 AND ${expired ? 'NOT ' : ''}${HOLDS(2)}`;
    const manager = this.uow.manager();
    const rows: Row[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE ${where}
        ORDER BY inserted_at DESC, id DESC LIMIT $3 OFFSET $4`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    const total = await boundedCount(manager, `${TABLE} WHERE ${where}`, params);
    return { items: rows.map(toDomain), total };
  }

  private async one(sql: string, id: string): Promise<Relationship | null> {
    const rows: Row[] = await this.uow.manager().query(sql, [id]);
    return rows[0] ? toDomain(rows[0]) : null;
  }
}

function toDomain(row: Row): Relationship {
  return {
    id: row.id,
    personId: row.person_id,
    confidantPersonId: row.confidant_person_id,
    documents: row.documents_relationship,
    activeTo: row.active_to,
    isActive: row.is_active,
    verificationStatus: row.verification_status,
    verificationReason: row.verification_reason,
    insertedBy: row.inserted_by,
    updatedBy: row.updated_by,
    insertedAt: row.inserted_at,
    updatedAt: row.updated_at,
  };
}
