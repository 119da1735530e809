/**
 * Bearer tokens whose signature, algorithm, issuer and audience were verified, with their claims,
 * until they expire (`exp`, as jsonwebtoken reads it: expired from that second on). A token is
 * its own key, byte for byte: any other string is verified anew. At most `max` are kept, the
 * oldest dropped first; 0 keeps none. The time rules and the claims an Actor needs are not cached:
 * they run on every request (JwtStrategy.validate).
 */
export class VerifiedTokens {
  private readonly entries = new Map<
    string,
    { readonly claims: Record<string, unknown>; readonly expiresAtMs: number }
  >();

  constructor(private readonly max: number) {}

  /** The claims of `token` when it was verified and has not expired at `nowMs`. */
  claimsOf(token: string, nowMs: number): Record<string, unknown> | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (nowMs >= entry.expiresAtMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  /** Keeps a verified token's claims; one without a numeric `exp` is not kept. */
  remember(token: string, claims: Record<string, unknown>): void {
    if (this.max <= 0 || typeof claims.exp !== 'number' || this.entries.has(token)) return;
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { claims, expiresAtMs: claims.exp * 1000 });
  }

  get size(): number {
    return this.entries.size;
  }
}
