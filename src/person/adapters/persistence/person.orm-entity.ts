import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Table rows as TypeORM sees them; the mapper turns them into domain objects and back. */
@Entity({ name: 'persons' })
export class PersonOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') first_name!: string;
  @Column('text') last_name!: string;
  @Column('text', { nullable: true }) second_name!: string | null;
  @Column('date') birth_date!: string;
  @Column('text', { nullable: true }) birth_country!: string | null;
  @Column('text', { nullable: true }) birth_settlement!: string | null;
  @Column('text') gender!: string;
  @Column('text', { nullable: true }) tax_id!: string | null;
  @Column('boolean') no_tax_id!: boolean;
  @Column('text') status!: string;
  @Column('text') verification_status!: string;
  @Column('text', { nullable: true }) verification_reason!: string | null;
  @Column('text', { nullable: true }) verification_comment!: string | null;
  @Column('uuid', { nullable: true }) inserted_by!: string | null;
  @Column('uuid', { nullable: true }) updated_by!: string | null;
  @Column('timestamptz') inserted_at!: Date;
  @Column('timestamptz') updated_at!: Date;
}

@Entity({ name: 'person_documents' })
export class PersonDocumentOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') person_id!: string;
  @Column('integer') position!: number;
  @Column('text') type!: string;
  @Column('text') number!: string;
  @Column('date', { nullable: true }) issued_at!: string | null;
  @Column('date', { nullable: true }) expiration_date!: string | null;
}

@Entity({ name: 'person_authentication_methods' })
export class PersonAuthMethodOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') person_id!: string;
  @Column('text') type!: string;
  @Column('text', { nullable: true }) phone_number!: string | null;
  @Column('uuid', { nullable: true }) value!: string | null;
  @Column('text', { nullable: true }) alias!: string | null;
  @Column('timestamptz') started_at!: Date;
  @Column('timestamptz', { nullable: true }) ended_at!: Date | null;
  @Column('timestamptz') inserted_at!: Date;
  @Column('uuid', { nullable: true }) inserted_by!: string | null;
  @Column('uuid', { nullable: true }) updated_by!: string | null;
  @Column('timestamptz') updated_at!: Date;
}

/**
 * A name of a person in one language, with the keys search compares (domain `nameKey`; '' for an
 * absent name) and a copy of the birth date, so that a search is one index range.
 */
@Entity({ name: 'person_names' })
export class PersonNameOrmEntity {
  @PrimaryColumn('uuid') person_id!: string;
  @PrimaryColumn('integer') position!: number;
  @Column('text') language!: string;
  /** The name the registry shows without a language (what v1 search compares). */
  @Column('boolean') registry_name!: boolean;
  /** The first entry of its language (what v2 search compares). */
  @Column('boolean') first_of_language!: boolean;
  @Column('text') first_name!: string;
  @Column('text', { nullable: true }) last_name!: string | null;
  @Column('text', { nullable: true }) second_name!: string | null;
  @Column('date') birth_date!: string;
  @Column('text') first_name_key!: string;
  @Column('text') last_name_key!: string;
  @Column('text') second_name_key!: string;
}

@Entity({ name: 'person_phones' })
export class PersonPhoneOrmEntity {
  @PrimaryColumn('uuid') person_id!: string;
  @PrimaryColumn('integer') position!: number;
  @Column('text', { nullable: true }) type!: string | null;
  @Column('text') number!: string;
}

export const PERSON_ORM_ENTITIES = [
  PersonOrmEntity,
  PersonDocumentOrmEntity,
  PersonAuthMethodOrmEntity,
  PersonNameOrmEntity,
  PersonPhoneOrmEntity,
];
