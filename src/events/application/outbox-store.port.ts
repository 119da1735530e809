import type { StateChangeEvent } from '../domain/state-change-event.js';

/** One row of the outbox. `seq` orders rows by insertion. */
export interface OutboxEntry {
  readonly seq: bigint;
  readonly event: StateChangeEvent;
  readonly publishAttempts: number;
}

/** What the relay did with a claimed batch; the store writes it before releasing the rows. */
export interface BatchOutcome {
  /** Events the broker acknowledged: marked published. */
  readonly publishedIds: readonly string[];
  /** Every event a publish was attempted for: `publish_attempts` + 1. */
  readonly attemptedIds: readonly string[];
}

/** How far the outbox is behind. */
export interface OutboxBacklog {
  readonly unpublished: number;
  readonly oldestUnpublishedAt: Date | null;
}

/** Port: the relay's, dispatcher's and retention's view of the outbox table. */
export abstract class OutboxStore {
  /**
   * Claims up to `limit` unpublished entries, oldest first, that no other relay holds right now,
   * runs `work` on them and records its outcome (published at `now`) in the same transaction.
   * Rows claimed by another relay are skipped, not waited for.
   */
  abstract withUnpublishedBatch(
    limit: number,
    now: Date,
    work: (batch: readonly OutboxEntry[]) => Promise<BatchOutcome>,
  ): Promise<BatchOutcome>;

  abstract backlog(): Promise<OutboxBacklog>;

  /** Deletes published events whose `published_at` is before `cutoff`; returns how many. */
  abstract deletePublishedBefore(cutoff: Date): Promise<number>;

  /** The highest `seq` committed so far (0 when empty). */
  abstract lastSeq(): Promise<bigint>;

  /** Committed entries with `seq` above `afterSeq`, in `seq` order. */
  abstract readAfter(afterSeq: bigint, limit: number): Promise<OutboxEntry[]>;

  /**
   * An opaque mark of the transactions running now; `finishedSince(mark)` tells when every one of
   * them has committed or rolled back (PostgreSQL snapshots).
   */
  abstract transactionMark(): Promise<string>;
  abstract finishedSince(mark: string): Promise<boolean>;
}
