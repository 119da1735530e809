import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  OutboxStore,
  type BatchOutcome,
  type OutboxBacklog,
  type OutboxEntry,
} from '../../application/outbox-store.port.js';
import { EVENT_COLUMNS, EventRowMapper, type EventRow } from './event-row.mapper.js';

/** The outbox table as the relay, dispatcher and retention job see it (PostgreSQL). */
@Injectable()
export class TypeOrmOutboxStore extends OutboxStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  withUnpublishedBatch(
    limit: number,
    now: Date,
    work: (batch: readonly OutboxEntry[]) => Promise<BatchOutcome>,
  ): Promise<BatchOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const rows: EventRow[] = await manager.query(
        `SELECT ${EVENT_COLUMNS} FROM events
         WHERE published_at IS NULL
         ORDER BY seq
         LIMIT $1
         FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return { publishedIds: [], attemptedIds: [] };
      const outcome = await work(rows.map((row) => EventRowMapper.toEntry(row)));
      if (outcome.attemptedIds.length > 0) {
        await manager.query(
          `UPDATE events
           SET publish_attempts = publish_attempts + 1,
               published_at = CASE WHEN id = ANY($2::uuid[]) THEN $3::timestamptz ELSE published_at END
           WHERE id = ANY($1::uuid[])`,
          [outcome.attemptedIds, outcome.publishedIds, now],
        );
      }
      return outcome;
    });
  }

  async backlog(): Promise<OutboxBacklog> {
    const [row] = await this.dataSource.query<{ unpublished: number; oldest: Date | null }[]>(
      `SELECT count(*)::int AS unpublished, min(event_time) AS oldest
       FROM events WHERE published_at IS NULL`,
    );
    return { unpublished: row.unpublished, oldestUnpublishedAt: row.oldest };
  }

  async deletePublishedBefore(cutoff: Date): Promise<number> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM events WHERE published_at IS NOT NULL AND published_at < $1`,
      [cutoff],
    );
    return affected;
  }

  async lastSeq(): Promise<bigint> {
    const [row] = await this.dataSource.query<{ seq: string }[]>(
      `SELECT coalesce(max(seq), 0)::text AS seq FROM events`,
    );
    return BigInt(row.seq);
  }

  async readAfter(afterSeq: bigint, limit: number): Promise<OutboxEntry[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [afterSeq.toString(), limit],
    );
    return rows.map((row) => EventRowMapper.toEntry(row));
  }

  // The mark is a transaction id of its own: it is above every id assigned so far, so every
  // transaction running now is below it. A snapshot's xmax is only one past the highest
  // completed id, and a transaction running with a higher id than that would escape the mark.
  async transactionMark(): Promise<string> {
    const [row] = await this.dataSource.query<{ mark: string }[]>(
      `SELECT pg_current_xact_id()::text AS mark`,
    );
    return row.mark;
  }

  async finishedSince(mark: string): Promise<boolean> {
    const [row] = await this.dataSource.query<{ finished: boolean }[]>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8 AS finished`,
      [mark],
    );
    return row.finished;
  }
}
