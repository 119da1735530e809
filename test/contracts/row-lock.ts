import type { UnitOfWork } from '../../src/kernel/application/unit-of-work.port.js';

/** Long enough for a second transaction to reach its lock on a busy machine. */
const SETTLE_MS = 150;

/**
 * The locking the use cases rely on, as a caller can observe it: a row locked with
 * findByIdForUpdate inside one unit of work keeps another unit of work's lock of it waiting
 * until the first ends, and that one then reads what the first wrote. Returns what the second
 * read under its lock.
 */
export async function secondLockWaitsForFirst<T>(
  uow: UnitOfWork,
  lock: () => Promise<T | null>,
  writeUnderLock: () => Promise<void>,
): Promise<{ readonly order: string[]; readonly read: T | null }> {
  const order: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked!: () => void;
  const firstLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const first = uow.run(async () => {
    await lock();
    locked();
    await held;
    await writeUnderLock();
    order.push('first wrote');
  });
  await firstLocked;
  const second = uow.run(async () => {
    const read = await lock();
    order.push('second locked');
    return read;
  });
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  order.push('first ends');
  release();
  const [, read] = await Promise.all([first, second]);
  return { order, read };
}

/** The order `secondLockWaitsForFirst` finds when the lock holds. */
export const LOCK_HELD = ['first ends', 'first wrote', 'second locked'];
