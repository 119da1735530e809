import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'authentication_method_requests' })
export class AuthMethodRequestOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') person_id!: string;
  @Column('text', { nullable: true }) client_id!: string | null;
  @Column('text') status!: string;
  @Column('text') channel!: string;
  @Column('text') action!: string;
  @Column('jsonb') authentication_method!: object;
  @Column('jsonb') authentication_method_current!: object;
  @Column('jsonb') documents!: { type: string; key: string }[];
  @Column('uuid', { nullable: true }) inserted_by!: string | null;
  @Column('uuid', { nullable: true }) updated_by!: string | null;
  @Column('timestamptz') inserted_at!: Date;
  @Column('timestamptz') updated_at!: Date;
}
