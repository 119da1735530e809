import { Sweep } from '../../platform/scheduling/sweep.js';
import { attemptTarget, documentOwner } from '../domain/document-key.js';
import type { RegisteredAttemptRecords } from './attempt-records.js';
import type { DocumentStorage } from './document-storage.port.js';
import type { ObjectStore } from './object-store.port.js';

/**
 * Age from which a leftover is taken for abandoned: far longer than an upload can last (Node ends
 * a request after 300 s) or a sign's transaction (statements end after 10 s), and than the clocks
 * of the instances and the storage differ. Instances that share a store also share this rule, so
 * none removes what another is still writing.
 */
export const LEFTOVER_AGE_MS = 60 * 60_000;
const INTERVAL_MS = 10 * 60_000;
/** Attempts looked at per sweep; the rest wait for the next one. */
const BATCH = 1000;

/**
 * Puts document storage in order at start-up and every 10 minutes, on every instance:
 * - an attempt a feature recorded (a sign that committed, then stopped before its signed copy was
 *   moved in place) becomes its document, whatever its age;
 * - an attempt nobody recorded and older than LEFTOVER_AGE_MS is removed (an upload or a losing
 *   sign whose process was killed before it removed its attempt);
 * - the store's own unfinished writes older than that are removed (`.part` files of a process
 *   killed mid-write).
 * Ages are read on the wall clock: they are compared with the storage's own timestamps.
 */
export class AttemptSweep extends Sweep {
  constructor(
    private readonly storage: DocumentStorage,
    private readonly store: ObjectStore,
    private readonly records: RegisteredAttemptRecords,
    private readonly wallClock: () => Date = () => new Date(),
  ) {
    super('DocumentAttemptSweep', INTERVAL_MS, { initialDelayMs: 0 });
  }

  protected async work(): Promise<number> {
    const before = new Date(this.wallClock().getTime() - LEFTOVER_AGE_MS);
    let removed = await this.store.removeUnfinished(before);
    let kept = 0;
    for (const attempt of await this.storage.attempts(BATCH)) {
      const target = attemptTarget(attempt.key);
      if (target === undefined) continue;
      const owner = documentOwner(target);
      const recorded = owner && (await this.records.recordedAttempt(owner.kind, owner.id));
      if (recorded === attempt.key) {
        if (await this.storage.keepAttempt(attempt.key)) kept += 1;
      } else if (attempt.storedAt < before) {
        await this.storage.dropAttempt(attempt.key);
        removed += 1;
      }
    }
    if (kept > 0) this.logger.log({ count: kept }, 'recorded attempts put in place');
    return kept + removed;
  }
}
