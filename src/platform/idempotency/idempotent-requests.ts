import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../kernel/application/clock.port.js';
import { fail } from '../../kernel/domain/errors.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { PLATFORM_ERRORS } from '../errors.js';
import { isStoredStatus, keyReused } from './idempotency-key.js';
import { IdempotencyStore, type KeyClaim } from './idempotency-store.js';

/** How often a request waiting for the same request in flight looks at the key again. */
export const WAIT_POLL_MS = 50;
/**
 * A claim whose request has not ended after this long is taken to be dead (its instance crashed
 * or lost the database) and the same request may take it over. Far above anything a request
 * waits for (the OTP service, the signature service, the database's statement time limit).
 */
export const CLAIM_LEASE_MS = 120_000;

const HOUR_MS = 3_600_000;

/** A key held by the request being served. */
export type HeldKey = Pick<KeyClaim, 'clientId' | 'key' | 'owner'>;

/** What a keyed request does: run (holding the key), or answer as the first one was answered. */
export type KeyDecision =
  | { readonly kind: 'run'; readonly held: HeldKey }
  | { readonly kind: 'replay'; readonly status: number; readonly body: string };

/**
 * `X-Idempotency-Key` on POST and PATCH (docs/api.md, Safe retries): the first request with a
 * key claims it and runs; its answer is kept (2xx, 404, 409, 422) or the key given back (any
 * other status). A later request with the same key and the same method, path and body gets the
 * kept answer; with another one it is refused (422). While the same request is in flight the
 * later one waits up to IDEMPOTENCY_WAIT_MS for its answer, then gets 409.
 */
@Injectable()
export class IdempotentRequests {
  private readonly logger = new Logger('Idempotency');
  private readonly ttlMs: number;
  private readonly waitMs: number;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttlMs = config.idempotency.ttlHours * HOUR_MS;
    this.waitMs = config.idempotency.waitMs;
  }

  /** Claims the key for this request, or finds the answer to replay; waits while it is in flight. */
  async begin(clientId: string, key: string, fingerprint: string): Promise<KeyDecision> {
    const owner = randomUUID();
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const outcome = await this.store.claim({
        clientId,
        key,
        fingerprint,
        owner,
        now: this.clock.now(),
        ttlMs: this.ttlMs,
        leaseMs: CLAIM_LEASE_MS,
      });
      switch (outcome.kind) {
        case 'claimed':
          return { kind: 'run', held: { clientId, key, owner } };
        case 'answered':
          return { kind: 'replay', status: outcome.status, body: outcome.body };
        case 'other_request':
          throw keyReused();
        case 'in_progress': {
          const left = deadline - Date.now();
          if (left <= 0) throw fail(PLATFORM_ERRORS.idempotencyInProgress);
          await sleep(Math.min(WAIT_POLL_MS, left));
        }
      }
    }
  }

  /**
   * Ends the held key with the request's answer: kept for replay when its status is one that is
   * kept, else given back. A failure here costs only the replay (the answer still goes out); a
   * claim left behind is taken over after its lease.
   */
  async finish(held: HeldKey, status: number, body: string): Promise<void> {
    try {
      if (isStoredStatus(status)) await this.store.complete(held, status, body);
      else await this.store.release(held);
    } catch (error) {
      this.logger.warn({ err: error, status }, 'Could not keep the answer of an idempotency key');
    }
  }

  /** Gives the key back without an answer (the request ended without one). */
  async abandon(held: HeldKey): Promise<void> {
    try {
      await this.store.release(held);
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not give back an idempotency key');
    }
  }
}
