import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'person_requests' })
export class PersonRequestOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') status!: string;
  @Column('smallint', { default: 3 }) version!: number;
  @Column('text') channel!: string;
  @Column('json') person!: object;
  @Column('uuid', { nullable: true }) person_id!: string | null;
  @Column('text', { nullable: true }) client_id!: string | null;
  @Column('boolean') patient_signed!: boolean;
  @Column('boolean') process_disclosure_data_consent!: boolean;
  @Column('uuid', { nullable: true }) authorize_with!: string | null;
  @Column('jsonb') authentication_method_current!: object;
  @Column('jsonb') documents!: { type: string; key: string }[];
  @Column('text', { nullable: true }) content!: string | null;
  @Column('text', { nullable: true }) signed_content_attempt_key!: string | null;
  @Column('uuid', { nullable: true }) inserted_by!: string | null;
  @Column('uuid', { nullable: true }) updated_by!: string | null;
  @Column('timestamptz') inserted_at!: Date;
  @Column('timestamptz') updated_at!: Date;
}
