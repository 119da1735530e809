import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { waitForTurn } from '../../../platform/database/wait-for-turn.js';

/** Namespace of the advisory locks of turn taking (the second key is the phone's hash). */
const LOCK_NAMESPACE = 7303;
/**
 * Room beyond a call's own timeout before its turn ends by itself: for the statements around the
 * call, and for a process slowed down between taking its turn and calling (see `inTime`).
 */
export const TURN_MARGIN_MS = 5_000;
/** A call that starts later than this after its turn was set might outlive the turn. */
const LATEST_START_MS = TURN_MARGIN_MS - 1_000;

/** A turn taken: its row in `otp_service_calls`, and when its end was last set on this clock. */
export interface CallTurn {
  readonly id: string;
  readonly setAt: number;
}

/** What a completion's look under the phone's lock decided: take the turn and call, or answer. */
export type Look<T> = { readonly go: true } | { readonly go: false; readonly answer: T };

/**
 * Turns of the calls to an OTP service on one phone, shared by every instance through
 * `otp_service_calls`: sends take the phone alone, completions together; a send that has taken
 * its turn keeps new completions out and goes once those in flight have ended (so completions
 * cannot keep a send waiting forever). Unlike a lock, a turn holds no database connection during
 * the call: it is a row, taken and given back in short transactions, and a waiter looks again
 * after a pause. Every turn ends by itself at its `live_until` (the database's clock), set to the
 * call's timeout and a margin ahead when the call may start: a process that dies mid-call holds
 * the phone that long at most, and a call that could start only after that is not made (`inTime`).
 */
export class OtpCallTurns {
  private readonly turnMs: number;

  /** `callTimeoutMs`: the longest one call to the service takes (OTP_TIMEOUT_MS). */
  constructor(
    private readonly dataSource: DataSource,
    callTimeoutMs: number,
  ) {
    this.turnMs = callTimeoutMs + TURN_MARGIN_MS;
  }

  /**
   * A send's turn: `look` runs under the phone's lock once no other send is in flight, and may
   * refuse by throwing. The turn is taken at once; the call may start once the completions in
   * flight have ended. Undefined when the phone stays busy longer than a call's turn: each call
   * ends within its timeout, so a phone still busy then has more calls than it should.
   */
  async send(
    phoneNumber: string,
    look: (m: EntityManager) => Promise<void>,
  ): Promise<CallTurn | undefined> {
    const id = await waitForTurn(
      () =>
        this.underLock(phoneNumber, async (manager, calls) => {
          if (calls.some((c) => c.kind === 'send')) return undefined;
          await look(manager);
          const taken = randomUUID();
          // Long enough to wait for the completions in flight, then to call.
          await this.insert(manager, taken, phoneNumber, 'send', 2 * this.turnMs);
          return taken;
        }),
      this.turnMs,
    );
    if (id === undefined) return undefined;
    let turn: CallTurn | 'ended' | undefined;
    try {
      turn = await waitForTurn(() => this.startSend(id, phoneNumber), this.turnMs);
    } catch (error) {
      await this.end(id).catch(() => undefined);
      throw error;
    }
    if (turn === undefined || turn === 'ended') {
      await this.end(id);
      return undefined;
    }
    return turn;
  }

  /**
   * A completion's turn, taken when no send is in flight and `look` (under the phone's lock)
   * says go; otherwise `look`'s answer. Undefined when sends keep the phone longer than a turn.
   */
  async complete<T>(
    phoneNumber: string,
    look: (m: EntityManager) => Promise<Look<T>>,
  ): Promise<{ turn: CallTurn } | { answer: T } | undefined> {
    return waitForTurn(
      () =>
        this.underLock(phoneNumber, async (manager, calls) => {
          if (calls.some((c) => c.kind === 'send')) return undefined;
          const seen = await look(manager);
          if (!seen.go) return { answer: seen.answer };
          const id = randomUUID();
          const setAt = performance.now();
          await this.insert(manager, id, phoneNumber, 'complete', this.turnMs);
          return { turn: { id, setAt } };
        }),
      this.turnMs,
    );
  }

  /** Whether a call starting now still ends (by its timeout) before its turn does. */
  inTime(turn: CallTurn): boolean {
    return performance.now() - turn.setAt <= LATEST_START_MS;
  }

  /**
   * Gives the turn back, in `manager`'s transaction when given; true when it had not ended by
   * itself before (the order of the calls on the phone is then known).
   */
  async end(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    // In a WITH, so that TypeORM answers the rows alone, as for a SELECT.
    const rows = await manager.query<{ live: boolean }[]>(
      `WITH ended AS (DELETE FROM otp_service_calls WHERE id = $1 RETURNING live_until)
       SELECT live_until > clock_timestamp() AS live FROM ended`,
      [id],
    );
    return rows[0]?.live ?? false;
  }

  /** The send's turn to call once no completion is in flight; 'ended' if its turn ran out. */
  private async startSend(
    id: string,
    phoneNumber: string,
  ): Promise<CallTurn | 'ended' | undefined> {
    const setAt = performance.now();
    const started = await this.dataSource.query<{ id: string }[]>(
      `WITH started AS (
         UPDATE otp_service_calls SET live_until = clock_timestamp() + $3 * interval '1 millisecond'
          WHERE id = $1 AND live_until > clock_timestamp()
            AND NOT EXISTS (SELECT 1 FROM otp_service_calls c
                             WHERE c.phone_number = $2 AND c.kind = 'complete'
                               AND c.live_until > clock_timestamp())
          RETURNING id)
       SELECT id FROM started`,
      [id, phoneNumber, this.turnMs],
    );
    if (started.length > 0) return { id, setAt };
    const mine = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM otp_service_calls WHERE id = $1 AND live_until > clock_timestamp()`,
      [id],
    );
    return mine.length > 0 ? undefined : 'ended';
  }

  /** `step` in a short transaction under the phone's lock, given the calls in flight there. */
  private underLock<T>(
    phoneNumber: string,
    step: (manager: EntityManager, calls: { kind: string }[]) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        LOCK_NAMESPACE,
        phoneNumber,
      ]);
      // Turns of processes that died are forgotten here.
      await manager.query(
        `DELETE FROM otp_service_calls WHERE phone_number = $1 AND live_until <= clock_timestamp()`,
        [phoneNumber],
      );
      const calls = await manager.query<{ kind: string }[]>(
        `SELECT kind FROM otp_service_calls WHERE phone_number = $1`,
        [phoneNumber],
      );
      return step(manager, calls);
    });
  }

  private async insert(
    manager: EntityManager,
    id: string,
    phoneNumber: string,
    kind: 'send' | 'complete',
    forMs: number,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO otp_service_calls (id, phone_number, kind, live_until)
       VALUES ($1, $2, $3, clock_timestamp() + $4 * interval '1 millisecond')`,
      [id, phoneNumber, kind, forMs],
    );
  }
}
