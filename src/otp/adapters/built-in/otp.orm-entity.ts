import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One code sent to a phone. Only the keyed hash of the code is stored, never the code. */
@Entity({ name: 'otp_verifications' })
export class OtpVerificationOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') phone_number!: string;
  @Column('text') code_hash!: string;
  /** NEW, VERIFIED, CANCELED or EXPIRED; at most one NEW row per phone (unique partial index). */
  @Column('text') status!: string;
  @Column('integer') attempts!: number;
  @Column('timestamptz') code_expired_at!: Date;
  @Column('timestamptz') inserted_at!: Date;
  @Column('timestamptz') updated_at!: Date;
}

/** A phone that completed a verification once (docs/domain-rules.md, Create-time validation: it counts as verified). */
@Entity({ name: 'verified_phones' })
export class VerifiedPhoneOrmEntity {
  @PrimaryColumn('text') phone_number!: string;
  @Column('timestamptz') verified_at!: Date;
}

export const OTP_ORM_ENTITIES = [OtpVerificationOrmEntity, VerifiedPhoneOrmEntity];
