import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index for every filter of GET /api/events, each in the list's order (event_time, then seq,
 * newest first), so that a page reads its rows from the index and its bounded total at most
 * 10,000 entries, never the whole table: the date range, or no filter, on (event_time, seq);
 * entity_id, entity_type and event_type each first in an index of their own, the date range
 * then on the next column. They replace events_time_idx and events_entity_idx, which lacked seq
 * (each page was sorted again). On a large events table apply it with `node dist/migrate.js`
 * (no statement limit; docs/scaling.md): the index builds hold writes to the table meanwhile.
 */
export class EventListIndexes1764800000001 implements MigrationInterface {
  name = 'EventListIndexes1764800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX events_time_seq_idx ON events (event_time DESC, seq DESC)`);
    for (const column of ['entity_id', 'entity_type', 'event_type']) {
      await q.query(
        `CREATE INDEX events_${column}_time_idx ON events (${column}, event_time DESC, seq DESC)`,
      );
    }
    await q.query(`DROP INDEX IF EXISTS events_time_idx`);
    await q.query(`DROP INDEX IF EXISTS events_entity_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX events_entity_idx ON events (entity_id, event_time DESC)`);
    await q.query(`CREATE INDEX events_time_idx ON events (event_time DESC)`);
    for (const column of ['entity_id', 'entity_type', 'event_type']) {
      await q.query(`DROP INDEX IF EXISTS events_${column}_time_idx`);
    }
    await q.query(`DROP INDEX IF EXISTS events_time_seq_idx`);
  }
}
