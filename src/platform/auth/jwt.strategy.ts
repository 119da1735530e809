import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy, type StrategyOptionsWithRequest } from 'passport-jwt';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import type { Actor } from './actor.js';
import { AccessDenied } from './auth-errors.js';
import { headerRefused, tokenTimesAccepted } from './token-rules.js';
import { VerifiedTokens } from './verified-tokens.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An identity claim (`sub`, `client_id`): 1–255 characters of printable ASCII, 0x21–0x7E. Such a
 * value is stored, logged and compared as the same bytes everywhere; anything else could not be:
 * PostgreSQL refuses a NUL and stores a lone surrogate as U+FFFD (so two clients would become
 * one), and spaces, controls or look-alike letters make ids that read the same but differ.
 */
const IDENTITY = /^[\x21-\x7e]{1,255}$/;

/**
 * Verified tokens kept in memory: a client sends the same token with every request until it
 * expires, and its signature check (HMAC or RSA/ECDSA, with the header's parsing) is the one part
 * of authentication that cannot change for the same bytes.
 */
const VERIFIED_TOKENS_KEPT = 5000;

const bearer = ExtractJwt.fromAuthHeaderAsBearerToken();

const isIdentity = (value: unknown): value is string =>
  typeof value === 'string' && IDENTITY.test(value);

/** Turns verified claims into an Actor; anything odd about them is an invalid token. */
export function actorFromClaims(payload: Record<string, unknown>): Actor {
  if (typeof payload.exp !== 'number') throw new AccessDenied(AccessDenied.INVALID_TOKEN);
  // Every request is made by a user of an MIS client: without either, nobody could own it.
  const { sub, client_id: clientId } = payload;
  if (!isIdentity(sub) || !isIdentity(clientId)) {
    throw new AccessDenied(AccessDenied.INVALID_TOKEN);
  }
  const scope = typeof payload.scope === 'string' ? payload.scope : '';
  return {
    userId: UUID.test(sub) ? sub.toLowerCase() : null,
    clientId,
    scopes: new Set(scope.split(' ').filter((s) => s !== '')),
  };
}

/**
 * The verification key as a KeyObject, made once. Given a string, jsonwebtoken 9 runs
 * createPublicKey on every verify (for a secret it throws, then falls back to createSecretKey):
 * about 1 ms of CPU per authenticated request against 40 µs with a ready KeyObject. A PEM that does not parse stays a string, so it fails per request as before, and
 * no secret stays '' (passport-jwt refuses every token).
 */
export function verificationKey(
  secret: string | undefined,
  publicKey: string | undefined,
): KeyObject | string {
  if (publicKey) {
    try {
      return createPublicKey(publicKey);
    } catch {
      return publicKey;
    }
  }
  return secret ? createSecretKey(Buffer.from(secret)) : '';
}

/**
 * passport-jwt with pinned algorithms: HS256 for a secret, RS256/ES256 for a public key. Before
 * verification a header with `crit` is refused; after it, the time rules of token-rules.ts (the
 * wall clock) and the claims an Actor needs. A token verified before and not yet expired skips
 * the signature check (VerifiedTokens); the time rules and claims are checked on every request.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly maxLifetimeSeconds: number;
  private readonly verified = new VerifiedTokens(VERIFIED_TOKENS_KEPT);

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { secret, publicKey, issuer, audience } = config.jwt;
    // passport-jwt passes it to jsonwebtoken.verify, which takes a KeyObject; its types predate that.
    const key = verificationKey(secret, publicKey) as unknown as string;
    const options: StrategyOptionsWithRequest = {
      jwtFromRequest: bearer,
      passReqToCallback: true,
      secretOrKeyProvider: (_request, rawJwtToken: string, done) => {
        if (headerRefused(rawJwtToken)) done(new Error('refused token header'));
        else done(null, key);
      },
      algorithms: publicKey ? ['RS256', 'ES256'] : ['HS256'],
      ignoreExpiration: false,
      // jsonwebtoken's clockTolerance would loosen `exp` too: `nbf` is checked with `iat` below.
      jsonWebTokenOptions: { ignoreNotBefore: true, clockTolerance: 0 },
      ...(issuer ? { issuer } : {}),
      ...(audience ? { audience } : {}),
    };
    super(options);
    this.maxLifetimeSeconds = config.jwt.maxTokenLifetimeSeconds;
  }

  /** passport's entry: a token verified before goes straight to `validate`. */
  override authenticate(request: Parameters<Strategy['authenticate']>[0], options?: object): void {
    const token = bearer(request);
    const claims = token ? this.verified.claimsOf(token, Date.now()) : undefined;
    if (claims === undefined) {
      super.authenticate(request, options);
      return;
    }
    let actor: Actor;
    try {
      actor = this.accept(claims);
    } catch (error) {
      this.error(error as Error);
      return;
    }
    this.success(actor);
  }

  /** passport-jwt's callback, after a verification: accepts the claims and remembers the token. */
  validate(
    request: Parameters<Strategy['authenticate']>[0],
    payload: Record<string, unknown>,
  ): Actor {
    const actor = this.accept(payload);
    const token = bearer(request);
    if (token) this.verified.remember(token, payload);
    return actor;
  }

  /** The checks of every request: the time rules (wall clock) and the claims an Actor needs. */
  private accept(payload: Record<string, unknown>): Actor {
    const now = Math.floor(Date.now() / 1000);
    if (!tokenTimesAccepted(payload, now, this.maxLifetimeSeconds)) {
      throw new AccessDenied(AccessDenied.INVALID_TOKEN);
    }
    return actorFromClaims(payload);
  }
}
