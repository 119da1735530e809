import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'confidant_person_relationship_requests' })
export class ConfidantRequestOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') person_id!: string;
  @Column('text') client_id!: string;
  @Column('text') status!: string;
  @Column('text') action!: string;
  @Column('text') channel!: string;
  @Column('uuid') confidant_person_id!: string;
  @Column('jsonb') documents_relationship!: object;
  @Column('jsonb', { nullable: true }) confidant_person_relationship!: object | null;
  @Column('uuid', { nullable: true }) authorize_with!: string | null;
  @Column('jsonb') authentication_method_current!: object;
  @Column('jsonb') documents!: { type: string; key: string }[];
  @Column('text', { nullable: true }) signed_content_attempt_key!: string | null;
  @Column('uuid', { nullable: true }) inserted_by!: string | null;
  @Column('uuid', { nullable: true }) updated_by!: string | null;
  @Column('timestamptz') inserted_at!: Date;
  @Column('timestamptz') updated_at!: Date;
}

@Entity({ name: 'confidant_person_relationships' })
export class RelationshipOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') person_id!: string;
  @Column('uuid') confidant_person_id!: string;
  @Column('jsonb') documents_relationship!: object;
  @Column('date') active_to!: string;
  @Column('boolean') is_active!: boolean;
  @Column('text') verification_status!: string;
  @Column('text') verification_reason!: string;
  @Column('uuid', { nullable: true }) inserted_by!: string | null;
  @Column('uuid', { nullable: true }) updated_by!: string | null;
  @Column('timestamptz') inserted_at!: Date;
  @Column('timestamptz') updated_at!: Date;
}
