import type { Acting } from '../../kernel/application/acting.js';
import type { Stamp } from '../domain/lifecycle.js';

/** The stamp of a change made now by the acting user. */
export function stampOf(acting: Acting, now: Date): Stamp {
  return { by: acting.userId, at: now };
}
