import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ERRORS } from '../../kernel/domain/error-catalogue.js';
import { fail } from '../../kernel/domain/errors.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import type { Actor } from './actor.js';
import { AccessDenied, MissingScopes } from './auth-errors.js';
import { requiredScopes } from './scopes.decorator.js';
import { WriteRateLimiter } from './write-rate-limiter.js';

/** Reads: not counted by the write rate limit. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const BEARER = /^Bearer [A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*\.?[A-Za-z0-9\-_.+/=]*$/;

/** Keys are compared by digest, in constant time: the time taken says nothing about a key. */
const digest = (key: string): Buffer => createHash('sha256').update(key).digest();

/** The parts of a request the guard reads, on Express and on Fastify alike. */
interface GuardedRequest {
  readonly method: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly user?: Actor;
}

/**
 * One guard for every scoped route: api key (when API_KEYS is set), bearer token (passport-jwt),
 * then the scopes named by @Scopes(), then the per-client write rate limit
 * (RATE_LIMIT_WRITES_PER_MINUTE, 0 = off; shared by all instances through PostgreSQL). Routes
 * without @Scopes() are public (health, docs).
 */
@Injectable()
export class ScopeGuard extends AuthGuard('jwt') {
  private readonly apiKeyDigests: readonly Buffer[];

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly writes: WriteRateLimiter,
  ) {
    super();
    this.apiKeyDigests = config.apiKeys.map(digest);
  }

  private isApiKey(key: string): boolean {
    const presented = digest(key);
    // Every key is compared, so that which one matched does not show either.
    return this.apiKeyDigests.reduce((found, d) => timingSafeEqual(d, presented) || found, false);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const required = requiredScopes(this.reflector, context);
    if (required === undefined) return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !/^Bearer \S+$/.test(header.trim())) {
      throw new AccessDenied(AccessDenied.NO_BEARER);
    }
    if (this.apiKeyDigests.length > 0) {
      const key = request.headers['api-key'];
      if (typeof key !== 'string' || key === '') throw new AccessDenied(AccessDenied.NO_API_KEY);
      if (!this.isApiKey(key)) throw new AccessDenied(AccessDenied.INVALID_API_KEY);
    }
    if (!BEARER.test(header.trim())) throw new AccessDenied(AccessDenied.INVALID_TOKEN);
    await super.canActivate(context);
    const actor = request.user!;
    const missing = required.filter((scope) => !actor.scopes.has(scope));
    if (missing.length > 0) throw new MissingScopes(missing);
    if (this.writes.enabled && !READ_METHODS.has(request.method)) {
      // Keyed by the MIS client: every accepted token names one.
      const decision = await this.writes.take(actor.clientId);
      if (!decision.allowed) throw fail(ERRORS.writeRateLimited, decision.retryAfterSeconds);
    }
    return true;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof AccessDenied) throw error;
    if (error || !user) throw new AccessDenied(AccessDenied.INVALID_TOKEN);
    return user;
  }
}
