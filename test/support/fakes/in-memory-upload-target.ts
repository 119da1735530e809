import type { UploadTarget } from '../../../src/document-storage/application/upload-gate.js';

/**
 * An upload target over a set of open record ids, whose `whileOpen` holds a lock per id the way
 * a row lock is held: `closeUnderLock` (an approve) waits for a `whileOpen` that holds it, and
 * the other way round. `holdInside` keeps the next `whileOpen` inside its lock, after its work,
 * until the returned function is called.
 */
export class InMemoryUploadTarget implements UploadTarget {
  readonly open: Set<string>;
  readonly asked: string[] = [];
  private readonly locks = new Map<string, Promise<unknown>>();
  private hold: { readonly entered: () => void; readonly gate: Promise<void> } | undefined;

  constructor(...open: string[]) {
    this.open = new Set(open);
  }

  isOpen(id: string): Promise<boolean> {
    this.asked.push(id);
    return Promise.resolve(this.open.has(id));
  }

  clientOf(id: string): Promise<string | null> {
    return Promise.resolve(this.open.has(id) ? 'in-memory-client' : null);
  }

  whileOpen(id: string, work: () => Promise<void>): Promise<boolean> {
    return this.locked(id, async () => {
      if (!this.open.has(id)) return false;
      await work();
      const hold = this.hold;
      this.hold = undefined;
      if (hold) {
        hold.entered();
        await hold.gate;
      }
      return true;
    });
  }

  /** Closes the record under its lock (as approve does), then runs `after` still holding it. */
  closeUnderLock<T>(id: string, after: () => Promise<T>): Promise<T> {
    return this.locked(id, () => {
      this.open.delete(id);
      return after();
    });
  }

  /** The next whileOpen stays in its lock after its work until `release` is called. */
  holdInside(): { readonly inside: Promise<void>; release(): void } {
    let release!: () => void;
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.hold = { entered, gate };
    return { inside, release: () => release() };
  }

  private locked<T>(id: string, action: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(id) ?? Promise.resolve();
    const result = previous.then(action, action);
    this.locks.set(
      id,
      result.catch(() => undefined),
    );
    return result;
  }
}
