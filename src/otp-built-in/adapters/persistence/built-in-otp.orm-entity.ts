import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One code sent to a phone: a verification, as the registry's OTP service calls its codes. Only
 * the keyed hash of the code is stored, never the code.
 */
@Entity({ name: 'otp_verifications' })
export class OtpVerificationOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') phone_number!: string;
  /** The key of the code's purpose (OtpPurpose.key): a request's, or a client's phone verification. */
  @Column('text') purpose!: string;
  /** The client of that purpose. */
  @Column('text') client_id!: string;
  @Column('text') code_hash!: string;
  /**
   * SENDING (stored, its SMS not yet accepted: never completed), NEW, VERIFIED, CANCELED or
   * EXPIRED; one NEW row per phone and purpose (a unique index).
   */
  @Column('text') status!: string;
  @Column('integer') attempts!: number;
  @Column('timestamptz') code_expired_at!: Date;
  @Column('timestamptz') inserted_at!: Date;
  @Column('timestamptz') updated_at!: Date;
}

/**
 * A phone that completed a code once, of any purpose: it counts as verified (docs/domain-rules.md,
 * Create-time validation).
 */
@Entity({ name: 'verified_phones' })
export class VerifiedPhoneOrmEntity {
  @PrimaryColumn('text') phone_number!: string;
  @Column('timestamptz') verified_at!: Date;
}

export const BUILT_IN_OTP_ORM_ENTITIES = [OtpVerificationOrmEntity, VerifiedPhoneOrmEntity];
