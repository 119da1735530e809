import { CallJournal } from './call-journal.js';
import {
  lockOutsideTransaction,
  UniqueViolation,
  type InMemoryTransaction,
  type Transactional,
  type TransactionScope,
} from './in-memory-unit-of-work.js';

/** How a table's fake names itself in the journal and in its errors. */
export interface TableNames {
  /** The journal's prefix of its calls: `registry`, `requests`, `amr`. */
  readonly journal: string;
  /** What one row is, for errors: `person`, `person request`. */
  readonly row: string;
  /** The port it stands for, for the lock's error: `PersonRegistry`. */
  readonly port: string;
}

/**
 * One table of the database in memory, with the adapters' semantics the use cases rely on: every
 * read returns a copy (a caller that changes it changes nothing stored), writes are visible to
 * later reads, an id is unique (a UniqueViolation, as PostgreSQL's 23505), a lock outside a unit
 * of work is refused, a row locked by another unit of work is waited for until that one ends,
 * and a rollback returns to the checkpoint. The fakes of the registry and of the request repositories are this table
 * and what their own port adds; each still implements its port, so a port change fails to compile.
 */
export abstract class InMemoryTable<T extends { readonly id: string }> implements Transactional {
  /** Ids locked with findByIdForUpdate, in order. */
  readonly locked: string[] = [];
  protected rows = new Map<string, T>();
  private readonly holders = new Map<string, InMemoryTransaction>();

  protected constructor(
    protected readonly names: TableNames,
    protected readonly journal: CallJournal,
    private readonly transactions: TransactionScope | undefined,
  ) {}

  /** Stores rows as they are (test setup; not journalled). */
  add(...rows: T[]): this {
    for (const row of rows) this.rows.set(row.id, structuredClone(row));
    return this;
  }

  /** The stored row (a copy); throws when there is none. */
  get(id: string): T {
    const row = this.rows.get(id);
    if (!row) throw new Error(`no ${this.names.row} ${id}`);
    return structuredClone(row);
  }

  /** Every stored row (copies), for "nothing changed" comparisons. */
  all(): T[] {
    return [...this.rows.values()].map((r) => structuredClone(r));
  }

  checkpoint(): () => void {
    const saved = structuredClone(this.rows);
    return () => {
      this.rows = saved;
    };
  }

  findById(id: string): Promise<T | null> {
    return this.inTurn(() => {
      this.journal.record(`${this.names.journal}.findById`, id);
      return Promise.resolve(this.copy(id));
    });
  }

  findByIdForUpdate(id: string): Promise<T | null> {
    return this.inTurn(() => this.lockRow(id));
  }

  /**
   * Runs one statement in its turn in the caller's unit of work (InMemoryTransaction.inTurn);
   * outside one, at once.
   */
  protected inTurn<R>(statement: () => Promise<R>): Promise<R> {
    const transaction = this.transactions?.current;
    return transaction ? transaction.inTurn(statement) : statement();
  }

  /**
   * A row lock: journalled as `<table>.lock`, refused outside a unit of work. Called by a
   * statement already in its turn (one that locks rows of several tables takes them in order).
   */
  async lockRow(id: string): Promise<T | null> {
    this.journal.record(`${this.names.journal}.lock`, id);
    const outside = lockOutsideTransaction(
      this.transactions,
      `${this.names.port}.findByIdForUpdate`,
    );
    if (outside) throw outside;
    if (this.rows.has(id)) await this.lock(id);
    this.locked.push(id);
    return this.copy(id);
  }

  /** Waits while another unit of work holds the row's lock, then holds it until its own ends. */
  private async lock(id: string): Promise<void> {
    const mine = this.transactions?.current;
    if (!mine) return;
    for (let holder = this.holders.get(id); holder && holder !== mine;) {
      await holder.ended();
      holder = this.holders.get(id);
    }
    if (this.holders.get(id) === mine) return;
    this.holders.set(id, mine);
    mine.onEnd(() => this.holders.delete(id));
  }

  /** Like an INSERT: journalled as `call`, and refused for an id already stored. */
  protected insertRow(call: string, row: T): Promise<void> {
    this.journal.record(`${this.names.journal}.${call}`, row.id);
    if (this.rows.has(row.id)) {
      return Promise.reject(new UniqueViolation(`${this.names.row} ${row.id}`));
    }
    this.rows.set(row.id, structuredClone(row));
    return Promise.resolve();
  }

  /** Like an UPDATE … WHERE id: a missing row changes nothing. */
  protected change(id: string, update: (stored: T) => T): void {
    const stored = this.rows.get(id);
    if (stored) this.rows.set(id, update(stored));
  }

  private copy(id: string): T | null {
    const row = this.rows.get(id);
    return row ? structuredClone(row) : null;
  }
}

/** What the request tables (person requests, authentication method requests) have in common. */
export interface RequestRow {
  readonly id: string;
  readonly status: string;
  readonly insertedAt: Date;
}

/**
 * A request table: `insert`, `updateState` of the columns the adapter's UPDATE writes
 * (`stateColumns`), and `expire`, which stores the expired status on requests of the given
 * statuses created at or before the cutoff.
 */
export abstract class InMemoryRequestTable<T extends RequestRow> extends InMemoryTable<T> {
  /** The columns `updateState` writes, as the adapter's UPDATE does; the others stay as stored. */
  protected abstract stateColumns(request: T): Partial<T>;

  insert(request: T): Promise<void> {
    return this.insertRow('insert', request);
  }

  updateState(request: T): Promise<void> {
    this.journal.record(`${this.names.journal}.updateState`, request.id, request.status);
    this.change(request.id, (stored) => ({ ...stored, ...this.stateColumns(request) }));
    return Promise.resolve();
  }

  expire(from: readonly string[], expired: string, cutoff: Date): Promise<number> {
    let count = 0;
    for (const [id, r] of this.rows) {
      if (from.includes(r.status) && r.insertedAt.getTime() <= cutoff.getTime()) {
        this.change(id, (stored) => ({ ...stored, status: expired }));
        count += 1;
      }
    }
    return Promise.resolve(count);
  }
}
