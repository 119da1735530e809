import { Injectable } from '@nestjs/common';
import { boundedCount } from '../../../platform/database/bounded-count.js';
import { statement, type Statement } from '../../../platform/database/statement.js';
import { TypeOrmUnitOfWork } from '../../../platform/database/transaction-context.js';
import {
  PersonRequestRepository,
  type ListedVersions,
  type PersonRequestPage,
} from '../../application/person-request-repository.port.js';
import type { DisplayStatus, PersonRequest } from '../../domain/person-request.js';
import { PersonRequestMapper, type PersonRequestRow } from './person-request.mapper.js';

/**
 * The statements of person requests. Plain SQL on the connection of the unit of work: TypeORM's
 * query building cost more CPU than PostgreSQL spent on these (docs/scaling.md); pg parses the
 * json and jsonb columns itself. The hot ones are named prepared statements (statement.ts).
 */
const COLUMNS = `id, status, channel, person, person_id, client_id, patient_signed,
      process_disclosure_data_consent, authorize_with, authentication_method_current, documents,
      content, signed_content_attempt_key, inserted_by, updated_by, inserted_at, updated_at, version`;

export const PERSON_REQUEST_SQL = {
  insert: statement(
    'person_request_insert',
    `INSERT INTO person_requests (${COLUMNS})
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
  ),
  byId: statement('person_request_by_id', `SELECT ${COLUMNS} FROM person_requests WHERE id = $1`),
  byIdForUpdate: statement(
    'person_request_by_id_for_update',
    `SELECT ${COLUMNS} FROM person_requests WHERE id = $1 FOR UPDATE`,
  ),
  updateState: statement(
    'person_request_update_state',
    `UPDATE person_requests
      SET status = $2, person_id = $3, patient_signed = $4, content = $5,
          signed_content_attempt_key = $6, updated_by = $7, updated_at = $8
    WHERE id = $1`,
  ),
  expire: `UPDATE person_requests SET status = $2
    WHERE status = ANY($1::text[]) AND inserted_at <= $3`,
} as const;

@Injectable()
export class TypeOrmPersonRequestRepository extends PersonRequestRepository {
  constructor(private readonly uow: TypeOrmUnitOfWork) {
    super();
  }

  async insert(request: PersonRequest): Promise<void> {
    const r = PersonRequestMapper.toPersistence(request);
    await this.uow.execute(PERSON_REQUEST_SQL.insert, [
      r.id,
      r.status,
      r.channel,
      JSON.stringify(r.person),
      r.person_id,
      r.client_id,
      r.patient_signed,
      r.process_disclosure_data_consent,
      r.authorize_with,
      JSON.stringify(r.authentication_method_current),
      JSON.stringify(r.documents),
      r.content,
      r.signed_content_attempt_key,
      r.inserted_by,
      r.updated_by,
      r.inserted_at,
      r.updated_at,
      r.version,
    ]);
  }

  async findById(id: string): Promise<PersonRequest | null> {
    return this.one(PERSON_REQUEST_SQL.byId, id);
  }

  async findByIdForUpdate(id: string): Promise<PersonRequest | null> {
    return this.one(PERSON_REQUEST_SQL.byIdForUpdate, id);
  }

  async updateState(request: PersonRequest): Promise<void> {
    await this.uow.execute(PERSON_REQUEST_SQL.updateState, [
      request.id,
      request.status,
      request.personId,
      request.patientSigned,
      request.content,
      request.signedContentAttemptKey,
      request.updatedBy,
      request.updatedAt,
    ]);
  }

  // The page and its bounded count are plain SQL on one WHERE: the client and status filters are
  // served in the list's order by person_requests_client_time_idx and
  // person_requests_client_status_time_idx for every version
  // (migrations/1764800000002-client-list-indexes.ts), by their partial twins for v3 only
  // (migrations/1764960000021-request-version.ts).
  async list(
    clientId: string,
    status: DisplayStatus | undefined,
    expiredBefore: Date,
    page: number,
    pageSize: number,
    version: ListedVersions = 3,
  ): Promise<PersonRequestPage> {
    const params: unknown[] = [clientId];
    let where = version === 3 ? 'client_id = $1 AND version = 3' : 'client_id = $1';
    if (status === 'NEW') {
      params.push(expiredBefore);
      where += ` AND status = 'NEW' AND inserted_at > $2`;
    } else if (status === 'CANCELLED') {
      params.push(expiredBefore);
      where += ` AND (status IN ('CANCELLED', 'EXPIRED') OR (status = 'NEW' AND inserted_at <= $2))`;
    } else if (status !== undefined) {
      params.push(status);
      where += ` AND status = $2`;
    }
    const manager = this.uow.manager();
    const rows: PersonRequestRow[] = await manager.query(
      `SELECT * FROM person_requests WHERE ${where}
        ORDER BY inserted_at DESC, id DESC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    const total = await boundedCount(manager, `person_requests WHERE ${where}`, params);
    return { items: rows.map((row) => PersonRequestMapper.toDomain(row)), total };
  }

  async expire(from: readonly string[], expired: string, cutoff: Date): Promise<number> {
    const [, affected] = await this.uow
      .manager()
      .query<[unknown, number]>(PERSON_REQUEST_SQL.expire, [[...from], expired, cutoff]);
    return affected;
  }

  private async one(sql: Statement, id: string): Promise<PersonRequest | null> {
    const rows = await this.uow.execute<PersonRequestRow[]>(sql, [id]);
    return rows[0] ? PersonRequestMapper.toDomain(rows[0]) : null;
  }
}
