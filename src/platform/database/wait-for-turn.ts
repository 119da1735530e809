import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** The pause after the first look, doubled after each look up to the longest. */
const FIRST_PAUSE_MS = 10;
const LONGEST_PAUSE_MS = 200;

/**
 * Waits for a call in flight on another request (or instance) to end, without holding a
 * database connection meanwhile: `look` (one short transaction) answers the caller's turn, or
 * undefined while the other call still runs; between two looks the caller only sleeps. Resolves
 * with the first answer, or undefined when `forMs` passed first. A database lock would wake the
 * waiter sooner, but it holds a pooled connection for as long as the call it waits for.
 */
export async function waitForTurn<T>(
  look: () => Promise<T | undefined>,
  forMs: number,
): Promise<T | undefined> {
  const until = performance.now() + forMs;
  let pause = FIRST_PAUSE_MS;
  for (;;) {
    const turn = await look();
    if (turn !== undefined) return turn;
    const left = until - performance.now();
    if (left <= 0) return undefined;
    await sleep(Math.min(pause, left));
    pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
  }
}
