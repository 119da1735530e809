import { Injectable } from '@nestjs/common';
import { boundedCount } from '../../../platform/database/bounded-count.js';
import { TypeOrmUnitOfWork } from '../../../platform/database/transaction-context.js';
import type { CurrentMethod } from '../../../request-lifecycle/domain/current-method.js';
import type { DocumentSlot } from '../../../request-lifecycle/domain/document-slot.js';
import type { Stamp } from '../../../request-lifecycle/domain/lifecycle.js';
import {
  ConfidantRequestRepository,
  type ConfidantRequestPage,
} from '../../application/confidant-request-repository.port.js';
import type {
  ConfidantAction,
  ConfidantRequest,
  ConfidantRequestStatus,
  RelationshipDocument,
  RelationshipRef,
} from '../../domain/confidant-request.js';

/** A row of `confidant_person_relationship_requests` (jsonb parsed by pg). */
interface Row {
  readonly id: string;
  readonly person_id: string;
  readonly client_id: string;
  readonly status: string;
  readonly action: string;
  readonly confidant_person_id: string;
  readonly documents_relationship: RelationshipDocument[];
  readonly confidant_person_relationship: RelationshipRef | null;
  readonly authorize_with: string | null;
  readonly authentication_method_current: CurrentMethod;
  readonly documents: DocumentSlot[];
  readonly signed_content_attempt_key: string | null;
  readonly inserted_by: string | null;
  readonly updated_by: string | null;
  readonly inserted_at: Date;
  readonly updated_at: Date;
}

const TABLE = 'confidant_person_relationship_requests';

/** Plain SQL on the connection of the unit of work (docs/scaling.md). */
const SQL = {
  insert: `INSERT INTO ${TABLE} (id, person_id, client_id, status, action, channel,
      confidant_person_id, documents_relationship, confidant_person_relationship, authorize_with,
      authentication_method_current, documents, signed_content_attempt_key,
      inserted_by, updated_by, inserted_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, 'MIS', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
  byId: `SELECT * FROM ${TABLE} WHERE id = $1`,
  byIdForUpdate: `SELECT * FROM ${TABLE} WHERE id = $1 FOR UPDATE`,
  updateState: `UPDATE ${TABLE}
      SET status = $2, signed_content_attempt_key = $3, updated_by = $4, updated_at = $5
    WHERE id = $1`,
  cancelNewOfPerson: `UPDATE ${TABLE}
      SET status = CASE WHEN inserted_at <= $2 THEN 'EXPIRED' ELSE 'CANCELED' END,
          updated_at = $3, updated_by = $4
    WHERE person_id = $1 AND status = 'NEW'`,
  expire: `UPDATE ${TABLE} SET status = $2 WHERE status = ANY($1::text[]) AND inserted_at <= $3`,
} as const;

@Injectable()
export class TypeOrmConfidantRequestRepository extends ConfidantRequestRepository {
  constructor(private readonly uow: TypeOrmUnitOfWork) {
    super();
  }

  async insert(r: ConfidantRequest): Promise<void> {
    await this.uow
      .manager()
      .query(SQL.insert, [
        r.id,
        r.personId,
        r.clientId,
        r.status,
        r.action,
        r.confidantPersonId,
        JSON.stringify(r.documentsRelationship),
        r.relationship ? JSON.stringify(r.relationship) : null,
        r.authorizeWith,
        JSON.stringify(r.authenticationMethodCurrent),
        JSON.stringify(r.documents),
        r.signedContentAttemptKey,
        r.insertedBy,
        r.updatedBy,
        r.insertedAt,
        r.updatedAt,
      ]);
  }

  findById(id: string): Promise<ConfidantRequest | null> {
    return this.one(SQL.byId, id);
  }

  findByIdForUpdate(id: string): Promise<ConfidantRequest | null> {
    return this.one(SQL.byIdForUpdate, id);
  }

  async updateState(r: ConfidantRequest): Promise<void> {
    await this.uow
      .manager()
      .query(SQL.updateState, [
        r.id,
        r.status,
        r.signedContentAttemptKey,
        r.updatedBy,
        r.updatedAt,
      ]);
  }

  async cancelNewOfPerson(personId: string, stamp: Stamp, expiryCutoff: Date): Promise<number> {
    const [, affected] = await this.uow
      .manager()
      .query<[unknown, number]>(SQL.cancelNewOfPerson, [
        personId,
        expiryCutoff,
        stamp.at,
        stamp.by,
      ]);
    return affected;
  }

  // A page and its bounded count on one WHERE, served by confidant_requests_client_person_time_idx
  // and confidant_requests_client_person_status_time_idx in the list's order.
  async list(
    clientId: string,
    personId: string,
    status: ConfidantRequestStatus | undefined,
    expiryCutoff: Date,
    page: number,
    pageSize: number,
  ): Promise<ConfidantRequestPage> {
    const params: unknown[] = [clientId, personId];
    let where = 'client_id = $1 AND person_id = $2';
    if (status === 'NEW' || status === 'APPROVED') {
      params.push(status, expiryCutoff);
      where += ' AND status = $3 AND inserted_at > $4';
    } else if (status === 'EXPIRED') {
      params.push(expiryCutoff);
      where += ` AND (status = 'EXPIRED' OR (status IN ('NEW', 'APPROVED') AND inserted_at <= $3))`;
    } else if (status !== undefined) {
      params.push(status);
      where += ' AND status = $3';
    }
    const manager = this.uow.manager();
    const rows: Row[] = await manager.query(
      `SELECT * FROM ${TABLE} WHERE ${where}
        ORDER BY inserted_at DESC, id DESC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    const total = await boundedCount(manager, `${TABLE} WHERE ${where}`, params);
    return { items: rows.map(toDomain), total };
  }

  async expire(from: readonly string[], expired: string, cutoff: Date): Promise<number> {
    const [, affected] = await this.uow
      .manager()
      .query<[unknown, number]>(SQL.expire, [[...from], expired, cutoff]);
    return affected;
  }

  private async one(sql: string, id: string): Promise<ConfidantRequest | null> {
    const rows: Row[] = await this.uow.manager().query(sql, [id]);
    return rows[0] ? toDomain(rows[0]) : null;
  }
}

function toDomain(row: Row): ConfidantRequest {
  return {
    id: row.id,
    personId: row.person_id,
    clientId: row.client_id,
    status: row.status as ConfidantRequestStatus,
    channel: 'MIS',
    action: row.action as ConfidantAction,
    confidantPersonId: row.confidant_person_id,
    documentsRelationship: row.documents_relationship,
    relationship: row.confidant_person_relationship,
    authorizeWith: row.authorize_with,
    authenticationMethodCurrent: row.authentication_method_current,
    documents: row.documents,
    signedContentAttemptKey: row.signed_content_attempt_key,
    insertedBy: row.inserted_by,
    updatedBy: row.updated_by,
    insertedAt: row.inserted_at,
    updatedAt: row.updated_at,
  };
}
