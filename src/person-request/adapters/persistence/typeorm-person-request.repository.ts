import { Injectable } from '@nestjs/common';
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

  async list(
    clientId: string,
    status: DisplayStatus | undefined,
    expiredBefore: Date,
    page: number,
    pageSize: number,
  ): Promise<PersonRequestPage> {
    const query = this.repo().createQueryBuilder('r');
    query.where('r.client_id = :clientId', { clientId });
    if (status === 'NEW')
      query.andWhere("r.status = 'NEW' AND r.inserted_at > :expiredBefore", { expiredBefore });
    else if (status === 'CANCELLED') {
      query.andWhere(
        "(r.status IN ('CANCELLED', 'EXPIRED') OR (r.status = 'NEW' AND r.inserted_at <= :expiredBefore))",
        { expiredBefore },
      );
    } else if (status) query.andWhere('r.status = :status', { status });
    const [rows, total] = await query
      .orderBy('r.inserted_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
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
