// The approve targets of one warm-up or measured run. Every approve takes a fresh, pre-seeded
// target, so each call does the whole work of an approve and the database can be checked against
// each answer afterwards; a used target is never re-sent. The warm-up has its own targets; the
// measured run's are sized from the rate the warm-up reached (× TARGET_SAFETY, at least
// BENCH_APPROVE_RATE/s), so a faster machine cannot run out of them, and topped up in the
// background if they still run low. A run that runs out anyway stops at once and is invalid.
import { round2 } from './numbers.mjs';
import {
  APPROVE_RATE,
  APPROVE_WARMUP,
  CONNECTIONS,
  DURATION,
  MAX_TARGETS,
  TARGET_SAFETY,
} from './options.mjs';

/**
 * The approve targets of one warm-up or run. `take()` hands each out once; when fewer than
 * `lowWater` are left it seeds `chunk` more in the background (never beyond `cap`). Only a pool
 * that is empty when a connection asks ends its run early, and that run is invalid.
 */
class TargetPool {
  constructor(seeder, { initial, lowWater, chunk, cap = MAX_TARGETS }) {
    this.seeder = seeder;
    this.initial = Math.max(1, Math.min(Math.ceil(initial), cap));
    this.lowWater = Math.ceil(lowWater);
    this.chunk = Math.max(1, Math.ceil(chunk));
    this.cap = cap;
    this.targets = [];
    this.next = 0;
    this.refills = 0;
    this.refilling = null;
    this.refillError = null;
  }

  async fill() {
    this.targets.push(...(await this.seeder.approveTargets(this.initial)));
    return this;
  }

  pathOf(t) {
    return `/api/persons/${t.p}/authentication_method_requests/${t.r}/actions/approve`;
  }

  get empty() {
    return this.next >= this.targets.length;
  }

  take() {
    if (this.empty) return null;
    const target = this.targets[this.next++];
    const left = this.targets.length - this.next;
    if (left < this.lowWater && !this.refilling && this.targets.length < this.cap) {
      const count = Math.min(this.chunk, this.cap - this.targets.length);
      this.refilling = this.seeder
        .approveTargets(count)
        .then((rows) => {
          this.targets.push(...rows);
          this.refills += 1;
        })
        .catch((error) => {
          this.refillError = error;
        })
        .finally(() => {
          this.refilling = null;
        });
    }
    return target;
  }

  async settle() {
    while (this.refilling) await this.refilling;
  }

  taken() {
    return this.targets.slice(0, this.next);
  }

  untaken() {
    return this.targets.slice(this.next);
  }

  summary() {
    return {
      seeded: this.targets.length,
      taken: this.next,
      initial: this.initial,
      refills: this.refills,
      cap: Number.isFinite(this.cap) ? this.cap : null,
    };
  }
}

export const TOP_UP_NOTE =
  'targets were topped up during the run (faster than sized for): the seeding is in the ' +
  'PostgreSQL and load-generator CPU of this run';

/** The pool of a warm-up: sized for BENCH_APPROVE_RATE, topped up generously. */
export async function warmupPool(seeder, seconds) {
  const initial = APPROVE_RATE * seconds + CONNECTIONS;
  return new TargetPool(seeder, { initial, lowWater: initial / 2, chunk: initial }).fill();
}

/** The most warm-up passes before a measured approve run. */
const WARMUP_PASSES = 5;

/**
 * Warm-up passes of APPROVE_WARMUP seconds, each on targets of its own, until two in a row agree
 * on the rate within 10 % (at most WARMUP_PASSES). One pass was not enough: the service's approve
 * rate went on rising for 20-30 s (278, 411, 473, 484/s in four passes at 1k rows, 578/s in the
 * measured run after them), and right after a million filler rows were loaded the first run at
 * that size (the service's) also paid for a cold cache that the one after it (the ceiling's)
 * found warm. `runPass(pool)` runs one pass; returns every pass (each to be checked).
 */
export async function warmUntilSteady(seeder, runPass) {
  const passes = [];
  for (let i = 0; i < WARMUP_PASSES; i++) {
    const pool = await warmupPool(seeder, APPROVE_WARMUP);
    const result = await runPass(pool);
    passes.push({ pool, result });
    const before = passes.at(-2)?.result.rps;
    if (result.exhausted) break;
    if (before !== undefined && Math.abs(result.rps - before) <= 0.1 * before) break;
  }
  return passes;
}

/** The pool of a measured run: the rate the warm-up reached (or the floor) × duration × 2. */
export async function measuredPool(seeder, warmRate) {
  const rate = Math.max(APPROVE_RATE, Number.isFinite(warmRate) ? warmRate : 0);
  const initial = rate * DURATION * TARGET_SAFETY + CONNECTIONS;
  const pool = new TargetPool(seeder, { initial, lowWater: initial / 4, chunk: initial / 2 });
  pool.sizedFor = round2(rate);
  return pool.fill();
}
