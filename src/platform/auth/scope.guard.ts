import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { fail, type ErrorSpec } from '../../kernel/domain/errors.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { ClientLimits } from '../rate-limit/client-limits.js';
import type { ClientRateLimit } from '../rate-limit/client-rate-limit.js';
import type { Actor } from './actor.js';
import { AccessDenied, MissingScopes } from './auth-errors.js';
import { requiredScopes, SIGN_ATTEMPT_KEY } from './scopes.decorator.js';
import { PLATFORM_ERRORS } from '../errors.js';

/** Reads: counted by the read limit, not by the write limit. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const BEARER = /^Bearer [A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*\.?[A-Za-z0-9\-_.+/=]*$/;

/** Secrets are compared by digest, in constant time: the time taken says nothing about them. */
const digest = (key: string): Buffer => createHash('sha256').update(key).digest();

/** The parts of a request the guard reads, on Express and on Fastify alike. */
interface GuardedRequest {
  readonly method: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly user?: Actor;
}

/**
 * One guard for every scoped route, in the order of docs/api.md (Order of checks): the gateway's
 * `X-Custom-PSK` (when CUSTOM_PSK is set), the bearer form, the api key (when API_KEYS is set),
 * the token (passport-jwt), the scopes named by @Scopes(), then the client's limits (shared by all
 * instances): reads or writes by method, and sign attempts on routes that declare them. Routes
 * without @Scopes() are public (health, docs, metrics, signed uploads).
 */
@Injectable()
export class ScopeGuard extends AuthGuard('jwt') {
  private readonly apiKeyDigests: readonly Buffer[];
  private readonly pskDigest: Buffer | undefined;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly limits: ClientLimits,
  ) {
    super();
    this.apiKeyDigests = config.apiKeys.map(digest);
    this.pskDigest = config.customPsk === undefined ? undefined : digest(config.customPsk);
  }

  private isApiKey(key: string): boolean {
    const presented = digest(key);
    // Every key is compared, so that which one matched does not show either.
    return this.apiKeyDigests.reduce((found, d) => timingSafeEqual(d, presented) || found, false);
  }

  private checkPsk(request: GuardedRequest): void {
    if (this.pskDigest === undefined) return;
    const psk = request.headers['x-custom-psk'];
    if (psk === undefined || psk === '') throw new AccessDenied(AccessDenied.NO_PSK);
    // A repeated header arrives as one value joined by ", " (or an array): never the key.
    const presented = digest(Array.isArray(psk) ? psk.join(', ') : psk);
    if (!timingSafeEqual(this.pskDigest, presented))
      throw new AccessDenied(AccessDenied.INVALID_PSK);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const required = requiredScopes(this.reflector, context);
    if (required === undefined) return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    this.checkPsk(request);
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
    // Keyed by the MIS client: every accepted token names one.
    if (READ_METHODS.has(request.method)) {
      await this.within(this.limits.reads, actor.clientId, PLATFORM_ERRORS.readLimit);
    } else {
      await this.within(this.limits.writes, actor.clientId, PLATFORM_ERRORS.writeRateLimited);
    }
    if (this.reflector.get<boolean | undefined>(SIGN_ATTEMPT_KEY, context.getHandler())) {
      await this.within(this.limits.signAttempts, actor.clientId, PLATFORM_ERRORS.signLimit);
    }
    return true;
  }

  private async within(limit: ClientRateLimit, clientId: string, refusal: ErrorSpec) {
    if (!limit.enabled) return;
    const decision = await limit.take(clientId);
    if (!decision.allowed) throw fail(refusal, decision.retryAfterSeconds);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof AccessDenied) throw error;
    if (error || !user) throw new AccessDenied(AccessDenied.INVALID_TOKEN);
    return user;
  }
}
