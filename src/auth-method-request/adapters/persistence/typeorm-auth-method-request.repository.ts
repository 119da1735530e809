import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '../../../platform/database/transaction-context.js';
import type { CurrentMethod } from '../../../person/domain/current-method.js';
import { AuthMethodRequestRepository } from '../../application/auth-method-request-repository.port.js';
import type { AmrAction, AmrStatus, AuthMethodRequest } from '../../domain/auth-method-request.js';
import { AuthMethodRequestOrmEntity } from './auth-method-request.orm-entity.js';

/** The statements of the approve path (the benchmark's database ceiling sends the same). */
export const AMR_SQL = {
  byId: `SELECT * FROM authentication_method_requests WHERE id = $1`,
  byIdForUpdate: `SELECT * FROM authentication_method_requests WHERE id = $1 FOR UPDATE`,
  save: `UPDATE authentication_method_requests SET status = $2, updated_by = $3, updated_at = $4 WHERE id = $1`,
} as const;

export const AuthMethodRequestMapper = {
  toDomain(row: AuthMethodRequestOrmEntity): AuthMethodRequest {
    return {
      id: row.id,
      personId: row.person_id,
      clientId: row.client_id,
      status: row.status as AmrStatus,
      channel: 'MIS',
      action: row.action as AmrAction,
      authenticationMethod: row.authentication_method,
      authenticationMethodCurrent: row.authentication_method_current as CurrentMethod,
      documents: row.documents,
      insertedBy: row.inserted_by,
      updatedBy: row.updated_by,
      insertedAt: row.inserted_at,
      updatedAt: row.updated_at,
    };
  },
  toPersistence(r: AuthMethodRequest): AuthMethodRequestOrmEntity {
    return Object.assign(new AuthMethodRequestOrmEntity(), {
      id: r.id,
      person_id: r.personId,
      client_id: r.clientId,
      status: r.status,
      channel: r.channel,
      action: r.action,
      authentication_method: r.authenticationMethod,
      authentication_method_current: r.authenticationMethodCurrent,
      documents: [...r.documents],
      inserted_by: r.insertedBy,
      updated_by: r.updatedBy,
      inserted_at: r.insertedAt,
      updated_at: r.updatedAt,
    });
  },
};

@Injectable()
export class TypeOrmAuthMethodRequestRepository extends AuthMethodRequestRepository {
  constructor(private readonly uow: TypeOrmUnitOfWork) {
    super();
  }

  private repo() {
    return this.uow.manager().getRepository(AuthMethodRequestOrmEntity);
  }

  async insert(request: AuthMethodRequest): Promise<void> {
    await this.repo().insert(AuthMethodRequestMapper.toPersistence(request));
  }

  // The approve path's statements are plain SQL: TypeORM's query building cost more CPU than
  // PostgreSQL spent on them (README, Performance).
  async findById(id: string): Promise<AuthMethodRequest | null> {
    const rows: AuthMethodRequestOrmEntity[] = await this.uow.manager().query(AMR_SQL.byId, [id]);
    return rows[0] ? AuthMethodRequestMapper.toDomain(rows[0]) : null;
  }

  async findByIdForUpdate(id: string): Promise<AuthMethodRequest | null> {
    const rows: AuthMethodRequestOrmEntity[] = await this.uow
      .manager()
      .query(AMR_SQL.byIdForUpdate, [id]);
    return rows[0] ? AuthMethodRequestMapper.toDomain(rows[0]) : null;
  }

  async save(request: AuthMethodRequest): Promise<void> {
    await this.uow
      .manager()
      .query(AMR_SQL.save, [request.id, request.status, request.updatedBy, request.updatedAt]);
  }

  async cancelNewOfPerson(
    personId: string,
    at: Date,
    by: string | null,
    expiryCutoff: Date,
  ): Promise<number> {
    const [, affected] = await this.uow.manager().query<[unknown, number]>(
      `UPDATE authentication_method_requests
          SET status = CASE WHEN inserted_at <= $2 THEN 'EXPIRED' ELSE 'CANCELED' END,
              updated_at = $3, updated_by = $4
        WHERE person_id = $1 AND status = 'NEW'`,
      [personId, expiryCutoff, at, by],
    );
    return affected;
  }

  async expire(expiryCutoff: Date): Promise<number> {
    const [, affected] = await this.uow.manager().query<[unknown, number]>(
      `UPDATE authentication_method_requests SET status = 'EXPIRED'
        WHERE status = 'NEW' AND inserted_at <= $1`,
      [expiryCutoff],
    );
    return affected;
  }
}
