import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The outbox: every recorded event, with its delivery state. */
@Entity({ name: 'events' })
export class EventOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq!: string;
  @Column('text') event_type!: string;
  @Column('text') entity_type!: string;
  @Column('uuid') entity_id!: string;
  @Column('jsonb') properties!: Record<string, unknown>;
  @Column('timestamptz') event_time!: Date;
  @Column('uuid', { nullable: true }) changed_by!: string | null;
  @Column('timestamptz', { nullable: true }) published_at!: Date | null;
  @Column('integer', { default: 0 }) publish_attempts!: number;
}
