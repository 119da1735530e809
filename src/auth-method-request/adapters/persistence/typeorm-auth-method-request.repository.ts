import { Injectable } from '@nestjs/common';
import { statement, type Statement } from '../../../platform/database/statement.js';
import { TypeOrmUnitOfWork } from '../../../platform/database/transaction-context.js';
import type { Stamp } from '../../../request-lifecycle/domain/lifecycle.js';
import { AuthMethodRequestRepository } from '../../application/auth-method-request-repository.port.js';
import type { AuthMethodRequest } from '../../domain/auth-method-request.js';
import {
  AuthMethodRequestMapper,
  type AuthMethodRequestRow,
} from './auth-method-request.mapper.js';

const COLUMNS = `id, person_id, client_id, status, channel, action, authentication_method,
      authentication_method_current, documents, inserted_by, updated_by, inserted_at, updated_at`;

/**
 * The statements of authentication method requests (the benchmark's database ceiling sends the
 * approve's). Plain SQL on the connection of the unit of work: TypeORM's query building cost more
 * CPU than PostgreSQL spent on these (docs/scaling.md); the hot ones are named prepared
 * statements (platform/database/statement.ts).
 */
export const AMR_SQL = {
  insert: statement(
    'amr_insert',
    `INSERT INTO authentication_method_requests (${COLUMNS})
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
  ),
  byId: statement(
    'amr_by_id',
    `SELECT ${COLUMNS} FROM authentication_method_requests WHERE id = $1`,
  ),
  byIdForUpdate: statement(
    'amr_by_id_for_update',
    `SELECT ${COLUMNS} FROM authentication_method_requests WHERE id = $1 FOR UPDATE`,
  ),
  /**
   * The person's row lock, then the request's, in one statement: the lateral join needs the
   * person's row before it looks for the request, so the person is always locked first. A lock
   * that waited returns the row as the last writer left it; the person's methods are read in
   * the next statement, whose snapshot is taken after both locks are held.
   */
  lockWithPerson: statement(
    'amr_lock_with_person',
    `SELECT p.id AS locked_person_id, r.*
       FROM (SELECT id FROM persons WHERE id = $1 FOR UPDATE) p
       LEFT JOIN LATERAL (
         SELECT ${COLUMNS} FROM authentication_method_requests
          WHERE id = $2 AND person_id = p.id FOR UPDATE) r ON true`,
  ),
  updateState: statement(
    'amr_update_state',
    `UPDATE authentication_method_requests SET status = $2, updated_by = $3, updated_at = $4 WHERE id = $1`,
  ),
  cancelNewOfPerson: `UPDATE authentication_method_requests
      SET status = CASE WHEN inserted_at <= $2 THEN 'EXPIRED' ELSE 'CANCELED' END,
          updated_at = $3, updated_by = $4
    WHERE person_id = $1 AND status = 'NEW'`,
  expire: `UPDATE authentication_method_requests SET status = $2
    WHERE status = ANY($1::text[]) AND inserted_at <= $3`,
} as const;

@Injectable()
export class TypeOrmAuthMethodRequestRepository extends AuthMethodRequestRepository {
  constructor(private readonly uow: TypeOrmUnitOfWork) {
    super();
  }

  async insert(request: AuthMethodRequest): Promise<void> {
    const r = AuthMethodRequestMapper.toPersistence(request);
    await this.uow.execute(AMR_SQL.insert, [
      r.id,
      r.person_id,
      r.client_id,
      r.status,
      r.channel,
      r.action,
      JSON.stringify(r.authentication_method),
      JSON.stringify(r.authentication_method_current),
      JSON.stringify(r.documents),
      r.inserted_by,
      r.updated_by,
      r.inserted_at,
      r.updated_at,
    ]);
  }

  async findById(id: string): Promise<AuthMethodRequest | null> {
    return this.one(AMR_SQL.byId, id);
  }

  async findByIdForUpdate(id: string): Promise<AuthMethodRequest | null> {
    return this.one(AMR_SQL.byIdForUpdate, id);
  }

  async lockWithPerson(
    personId: string,
    id: string,
  ): Promise<{ personFound: boolean; request: AuthMethodRequest | null }> {
    const rows = await this.uow.execute<(AuthMethodRequestRow & { locked_person_id: string })[]>(
      AMR_SQL.lockWithPerson,
      [personId, id],
    );
    const row = rows[0];
    if (!row) return { personFound: false, request: null };
    return { personFound: true, request: row.id ? AuthMethodRequestMapper.toDomain(row) : null };
  }

  /** The state of a request: its status and update stamp (nothing else changes after create). */
  async updateState(request: AuthMethodRequest): Promise<void> {
    await this.uow.execute(AMR_SQL.updateState, [
      request.id,
      request.status,
      request.updatedBy,
      request.updatedAt,
    ]);
  }

  async cancelNewOfPerson(personId: string, stamp: Stamp, expiryCutoff: Date): Promise<number> {
    const [, affected] = await this.uow
      .manager()
      .query<[unknown, number]>(AMR_SQL.cancelNewOfPerson, [
        personId,
        expiryCutoff,
        stamp.at,
        stamp.by,
      ]);
    return affected;
  }

  async expire(from: readonly string[], expired: string, cutoff: Date): Promise<number> {
    const [, affected] = await this.uow
      .manager()
      .query<[unknown, number]>(AMR_SQL.expire, [[...from], expired, cutoff]);
    return affected;
  }

  private async one(sql: Statement, id: string): Promise<AuthMethodRequest | null> {
    const rows = await this.uow.execute<AuthMethodRequestRow[]>(sql, [id]);
    return rows[0] ? AuthMethodRequestMapper.toDomain(rows[0]) : null;
  }
}
