import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { requestPathOf } from '../http/envelope.js';
import {
  IDEMPOTENCY_HEADER,
  idempotencyKeyOf,
  KEYED_METHODS,
  requestFingerprint,
  withIdempotencyMeta,
} from './idempotency-key.js';
import type { HeldKey, IdempotentRequests } from './idempotent-requests.js';
import { StoredAnswer } from './stored-answer.js';

/** A keyed request's state, from the key's check to its answer. */
interface KeyedState {
  readonly key: string;
  held?: HeldKey;
  ended?: boolean;
}

const KEYED = Symbol('ehealth.idempotencyKey');
type WithKey = FastifyRequest & { [KEYED]?: KeyedState };

/**
 * The standalone app's `X-Idempotency-Key` on the Fastify platform: `keyOf` checks the header
 * of a POST or PATCH (after authentication, before the body is read), `begin` decides from the
 * read body whether the request runs, is replayed (StoredAnswer) or refused, and `install` adds
 * the hooks that put the key into every answer's `meta` and keep the answer of a request that
 * held its key.
 */
export class KeyedRequests {
  constructor(private readonly requests: IdempotentRequests) {}

  /** The request's key (undefined: none, or not a keyed method); 422 on a malformed one. */
  keyOf(request: FastifyRequest): string | undefined {
    if (!KEYED_METHODS.has(request.method)) return undefined;
    const key = idempotencyKeyOf(request.headers[IDEMPOTENCY_HEADER]);
    if (key !== undefined) (request as WithKey)[KEYED] = { key };
    return key;
  }

  /** Claims the key for the request, or throws its kept answer, or 422/409. */
  async begin(request: FastifyRequest, key: string, body: Buffer): Promise<void> {
    const state = (request as WithKey)[KEYED]!;
    const actor = (request as FastifyRequest & { user?: Actor }).user!;
    const fingerprint = requestFingerprint(request.method, requestPathOf(request), body);
    const decision = await this.requests.begin(actor.clientId, key, fingerprint);
    if (decision.kind === 'replay') throw new StoredAnswer(decision.status, decision.body);
    state.held = decision.held;
  }

  install(fastify: FastifyInstance): void {
    fastify.addHook('onSend', async (request, reply, payload) => {
      const state = (request as WithKey)[KEYED];
      if (state === undefined) return payload;
      if (typeof payload !== 'string') return payload;
      const answer = withIdempotencyMeta(payload, String(request.id), state.key);
      if (state.held !== undefined && !state.ended) {
        state.ended = true;
        await this.requests.finish(state.held, reply.statusCode, answer);
      }
      return answer;
    });
    // An answer that was not JSON text, or a request that ended without one, gives the key back.
    fastify.addHook('onResponse', async (request) => {
      const state = (request as WithKey)[KEYED];
      if (state?.held === undefined || state.ended) return;
      state.ended = true;
      await this.requests.abandon(state.held);
    });
  }
}
