import { Injectable } from '@nestjs/common';
import { boundedCount } from '../../../platform/database/bounded-count.js';
import { TypeOrmUnitOfWork } from '../../../platform/database/transaction-context.js';
import type { CurrentMethod } from '../../../person/domain/current-method.js';
import {
  PersonRequestRepository,
  type PersonRequestPage,
} from '../../application/person-request-repository.port.js';
import type { DisplayStatus, PersonRequest, PrStatus } from '../../domain/person-request.js';
import { personFromStored } from '../../domain/v3-person.js';
import type { JsonObject } from '../../../kernel/domain/json.js';
import { PersonRequestOrmEntity } from './person-request.orm-entity.js';

function toDomain(row: PersonRequestOrmEntity): PersonRequest {
  return {
    id: row.id,
    status: row.status as PrStatus,
    channel: 'MIS',
    person: personFromStored(row.person as JsonObject),
    personId: row.person_id,
    clientId: row.client_id,
    patientSigned: row.patient_signed,
    processDisclosureDataConsent: row.process_disclosure_data_consent,
    authorizeWith: row.authorize_with,
    authenticationMethodCurrent: row.authentication_method_current as unknown as CurrentMethod,
    documents: row.documents,
    content: row.content,
    signedContentAttemptKey: row.signed_content_attempt_key,
    insertedBy: row.inserted_by,
    updatedBy: row.updated_by,
    insertedAt: row.inserted_at,
    updatedAt: row.updated_at,
  };
}

function toRow(r: PersonRequest): PersonRequestOrmEntity {
  return Object.assign(new PersonRequestOrmEntity(), {
    id: r.id,
    status: r.status,
    channel: r.channel,
    person: r.person.asSent,
    person_id: r.personId,
    client_id: r.clientId,
    patient_signed: r.patientSigned,
    process_disclosure_data_consent: r.processDisclosureDataConsent,
    authorize_with: r.authorizeWith,
    authentication_method_current: r.authenticationMethodCurrent,
    documents: [...r.documents],
    content: r.content,
    signed_content_attempt_key: r.signedContentAttemptKey,
    inserted_by: r.insertedBy,
    updated_by: r.updatedBy,
    inserted_at: r.insertedAt,
    updated_at: r.updatedAt,
  });
}

@Injectable()
export class TypeOrmPersonRequestRepository extends PersonRequestRepository {
  constructor(private readonly uow: TypeOrmUnitOfWork) {
    super();
  }

  private repo() {
    return this.uow.manager().getRepository(PersonRequestOrmEntity);
  }

  async insert(request: PersonRequest): Promise<void> {
    await this.repo().insert(toRow(request));
  }

  // Reads by id are plain SQL: the read route's CPU went mostly to TypeORM's query building
  // (README, Performance). pg parses the json and jsonb columns itself.
  async findById(id: string): Promise<PersonRequest | null> {
    const rows: PersonRequestOrmEntity[] = await this.uow
      .manager()
      .query(`SELECT * FROM person_requests WHERE id = $1`, [id]);
    return rows[0] ? toDomain(rows[0]) : null;
  }

  async findByIdForUpdate(id: string): Promise<PersonRequest | null> {
    const rows: PersonRequestOrmEntity[] = await this.uow
      .manager()
      .query(`SELECT * FROM person_requests WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ? toDomain(rows[0]) : null;
  }

  async save(request: PersonRequest): Promise<void> {
    await this.repo().update(
      { id: request.id },
      {
        status: request.status,
        person_id: request.personId,
        patient_signed: request.patientSigned,
        content: request.content,
        signed_content_attempt_key: request.signedContentAttemptKey,
        updated_by: request.updatedBy,
        updated_at: request.updatedAt,
      },
    );
  }

  // The page and its bounded count are plain SQL on one WHERE: the client and status filters are
  // served by person_requests_client_time_idx and person_requests_client_status_time_idx in the
  // list's order (migrations/1764800000002-client-list-indexes.ts).
  async list(
    clientId: string,
    status: DisplayStatus | undefined,
    expiredBefore: Date,
    page: number,
    pageSize: number,
  ): Promise<PersonRequestPage> {
    const params: unknown[] = [clientId];
    let where = 'client_id = $1';
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
    const rows: PersonRequestOrmEntity[] = await manager.query(
      `SELECT * FROM person_requests WHERE ${where}
        ORDER BY inserted_at DESC, id DESC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    const total = await boundedCount(manager, `person_requests WHERE ${where}`, params);
    return { items: rows.map(toDomain), total };
  }

  async expire(createdBefore: Date): Promise<number> {
    const result = await this.repo()
      .createQueryBuilder()
      .update()
      .set({ status: 'EXPIRED' })
      .where("status = 'NEW' AND inserted_at <= :createdBefore", { createdBefore })
      .execute();
    return result.affected ?? 0;
  }
}
