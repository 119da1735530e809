import { Injectable } from '@nestjs/common';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TypeOrmUnitOfWork } from '../../../platform/database/transaction-context.js';
import { RegisterVerifications } from '../../application/register-verifications.port.js';
import type { VerificationStatus } from '../../domain/person.js';
import type {
  PersonRegister,
  RegisterVerification,
  RegisterVerificationReason,
} from '../../domain/register-verification.js';

@Entity({ name: 'person_register_verifications' })
export class PersonRegisterVerificationOrmEntity {
  @PrimaryColumn('uuid') person_id!: string;
  @PrimaryColumn('text') register!: string;
  @Column('text') verification_status!: string;
  @Column('text') verification_reason!: string;
  @Column('text', { nullable: true }) verification_comment!: string | null;
  @Column('integer', { nullable: true }) result!: number | null;
  @Column('integer', { nullable: true }) status!: number | null;
  @Column('timestamptz') updated_at!: Date;
}

const UPSERT = `INSERT INTO person_register_verifications
      (person_id, register, verification_status, verification_reason, verification_comment,
       result, status, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (person_id, register) DO UPDATE SET
      verification_status = EXCLUDED.verification_status,
      verification_reason = EXCLUDED.verification_reason,
      verification_comment = EXCLUDED.verification_comment,
      result = EXCLUDED.result, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at`;

/** RegisterVerifications on this service's PostgreSQL schema. */
@Injectable()
export class TypeOrmRegisterVerifications extends RegisterVerifications {
  constructor(private readonly uow: TypeOrmUnitOfWork) {
    super();
  }

  async of(personId: string): Promise<RegisterVerification[]> {
    const rows = await this.uow
      .manager()
      .getRepository(PersonRegisterVerificationOrmEntity)
      .find({ where: { person_id: personId } });
    return rows.map((row) => ({
      register: row.register as PersonRegister,
      verificationStatus: row.verification_status as VerificationStatus,
      verificationReason: row.verification_reason as RegisterVerificationReason,
      comment: row.verification_comment,
      result: row.result,
      status: row.status,
    }));
  }

  async record(personId: string, v: RegisterVerification, at: Date): Promise<void> {
    await this.uow
      .manager()
      .query(UPSERT, [
        personId,
        v.register,
        v.verificationStatus,
        v.verificationReason,
        v.comment ?? null,
        v.result ?? null,
        v.status ?? null,
        at,
      ]);
  }
}
