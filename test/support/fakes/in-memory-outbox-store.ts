import {
  OutboxStore,
  type BatchOutcome,
  type OutboxBacklog,
  type OutboxEntry,
} from '../../../src/events/application/outbox-store.port.js';
import type { StateChangeEvent } from '../../../src/events/domain/state-change-event.js';

export interface OutboxRow {
  readonly seq: bigint;
  readonly event: StateChangeEvent;
  /** Uncommitted rows hold their seq but no reader sees them (a transaction still open). */
  committed: boolean;
  publishedAt: Date | null;
  publishAttempts: number;
  claimed: boolean;
}

/**
 * The outbox table in memory, with the semantics the relay, dispatcher and retention rely on:
 * claimed rows are skipped by other claims, a batch's outcome is written only when its work
 * returns (a throw is a rollback), and uncommitted rows are invisible. The transactions of a mark
 * have ended once every row uncommitted at the mark is committed or rolled back, and the test may
 * hold them open longer (`onFinishedCheck`, asked first, so it may commit rows itself).
 */
export class InMemoryOutboxStore extends OutboxStore {
  readonly rows: OutboxRow[] = [];
  onFinishedCheck: () => boolean = () => true;
  private lastSeqTaken = 0n;
  /** Per mark, the events whose transactions were open when it was taken. */
  private readonly marks = new Map<string, string[]>();

  /** Inserts committed rows, in order. */
  record(...events: StateChangeEvent[]): void {
    for (const event of events) this.insert(event, true);
  }

  /** Inserts a row whose transaction has not committed yet: its seq is taken, the row unseen. */
  recordUncommitted(event: StateChangeEvent): void {
    this.insert(event, false);
  }

  commit(event: StateChangeEvent): void {
    this.row(event.id).committed = true;
  }

  /** A rolled-back insert: its row goes, its seq stays used (a hole). */
  rollBack(event: StateChangeEvent): void {
    this.rows.splice(this.rows.indexOf(this.row(event.id)), 1);
  }

  markPublished(id: string, at: Date): void {
    this.row(id).publishedAt = at;
  }

  row(id: string): OutboxRow {
    const found = this.rows.find((r) => r.event.id === id);
    if (!found) throw new Error(`no outbox row ${id}`);
    return found;
  }

  get unpublishedIds(): string[] {
    return this.visible()
      .filter((r) => r.publishedAt === null)
      .map((r) => r.event.id);
  }

  async withUnpublishedBatch(
    limit: number,
    now: Date,
    work: (batch: readonly OutboxEntry[]) => Promise<BatchOutcome>,
  ): Promise<BatchOutcome> {
    const claimed = this.visible()
      .filter((r) => r.publishedAt === null && !r.claimed)
      .slice(0, limit);
    if (claimed.length === 0) return { publishedIds: [], attemptedIds: [] };
    for (const r of claimed) r.claimed = true;
    try {
      const outcome = await work(claimed.map(entryOf));
      for (const r of claimed) {
        if (outcome.attemptedIds.includes(r.event.id)) r.publishAttempts += 1;
        if (outcome.publishedIds.includes(r.event.id)) r.publishedAt = now;
      }
      return outcome;
    } finally {
      for (const r of claimed) r.claimed = false;
    }
  }

  backlog(): Promise<OutboxBacklog> {
    const waiting = this.visible().filter((r) => r.publishedAt === null);
    const times = waiting.map((r) => r.event.eventTime.getTime());
    return Promise.resolve({
      unpublished: waiting.length,
      oldestUnpublishedAt: times.length === 0 ? null : new Date(Math.min(...times)),
    });
  }

  deletePublishedBefore(cutoff: Date): Promise<number> {
    const expired = this.rows.filter((r) => r.publishedAt !== null && r.publishedAt < cutoff);
    for (const r of expired) this.rows.splice(this.rows.indexOf(r), 1);
    return Promise.resolve(expired.length);
  }

  lastSeq(): Promise<bigint> {
    return Promise.resolve(this.visible().reduce((max, r) => (r.seq > max ? r.seq : max), 0n));
  }

  readAfter(afterSeq: bigint, limit: number): Promise<OutboxEntry[]> {
    return Promise.resolve(
      this.visible()
        .filter((r) => r.seq > afterSeq)
        .slice(0, limit)
        .map(entryOf),
    );
  }

  transactionMark(): Promise<string> {
    const mark = `mark-${this.marks.size + 1}`;
    this.marks.set(
      mark,
      this.rows.filter((r) => !r.committed).map((r) => r.event.id),
    );
    return Promise.resolve(mark);
  }

  finishedSince(mark: string): Promise<boolean> {
    const held = this.onFinishedCheck();
    const open = new Set(this.marks.get(mark) ?? []);
    const stillOpen = this.rows.some((r) => !r.committed && open.has(r.event.id));
    return Promise.resolve(held && !stillOpen);
  }

  private insert(event: StateChangeEvent, committed: boolean): void {
    this.lastSeqTaken += 1n;
    this.rows.push({
      seq: this.lastSeqTaken,
      event,
      committed,
      publishedAt: null,
      publishAttempts: 0,
      claimed: false,
    });
  }

  /** Committed rows in seq order: what another transaction sees. */
  private visible(): OutboxRow[] {
    return this.rows.filter((r) => r.committed).sort((a, b) => (a.seq < b.seq ? -1 : 1));
  }
}

function entryOf(row: OutboxRow): OutboxEntry {
  return { seq: row.seq, event: row.event, publishAttempts: row.publishAttempts };
}
