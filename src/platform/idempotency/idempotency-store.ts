/** What a stored key holds for the request that claims it. */
export type ClaimOutcome =
  /** The key is this request's now: run it, then complete or release the claim. */
  | { readonly kind: 'claimed' }
  /** The same request was answered: replay this answer. */
  | { readonly kind: 'answered'; readonly status: number; readonly body: string }
  /** The same request is running elsewhere (another call, another instance). */
  | { readonly kind: 'in_progress' }
  /** The key belongs to another method, path or body. */
  | { readonly kind: 'other_request' };

export interface KeyClaim {
  readonly clientId: string;
  readonly key: string;
  /** Method, path and body (requestFingerprint). */
  readonly fingerprint: string;
  /** Who claims: a fresh id per request, so that only the claimant completes or releases it. */
  readonly owner: string;
  /** "Now" on the service's clock; the key expires `ttlMs` after it. */
  readonly now: Date;
  readonly ttlMs: number;
  /**
   * A claim older than this (on the database's clock) whose request never ended (its instance
   * crashed) is taken over by the same request.
   */
  readonly leaseMs: number;
}

/**
 * Port: the idempotency keys of every client, shared by every instance. A claim is atomic: of
 * any number of concurrent claims of one key, exactly one gets it.
 */
export abstract class IdempotencyStore {
  /** Claims the key for the request, or says what holds it. */
  abstract claim(claim: KeyClaim): Promise<ClaimOutcome>;

  /** Keeps the answer of a claimed key for replay (no-op when the claim was taken over). */
  abstract complete(
    claim: Pick<KeyClaim, 'clientId' | 'key' | 'owner'>,
    status: number,
    body: string,
  ): Promise<void>;

  /** Gives a claimed key up without an answer: the next request with it runs. */
  abstract release(claim: Pick<KeyClaim, 'clientId' | 'key' | 'owner'>): Promise<void>;

  /** Deletes keys expired before `now`; returns how many. */
  abstract deleteExpired(now: Date): Promise<number>;
}
