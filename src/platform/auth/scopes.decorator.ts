import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Actor } from './actor.js';

export const SCOPES_KEY = 'registry:scopes';

/** Names the scopes a route needs; the guard checks the token has every one of them. */
export const Scopes = (...scopes: string[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(SCOPES_KEY, scopes), ApiBearerAuth('bearer'));

export const SIGN_ATTEMPT_KEY = 'registry:sign-attempt';

/**
 * Marks a route that checks a signature: besides its scopes, every call to it counts against
 * the client's SIGN_ATTEMPTS_PER_CLIENT_PER_MINUTE, whatever its outcome, since each may cost a
 * signature verification.
 */
export const CountsAsSignAttempt = (): MethodDecorator => SetMetadata(SIGN_ATTEMPT_KEY, true);

/**
 * The scopes the route of `context` needs, or undefined for a public route (no @Scopes()): the
 * guard authenticates exactly the routes that name scopes.
 */
export function requiredScopes(
  reflector: Reflector,
  context: ExecutionContext,
): readonly string[] | undefined {
  return reflector.getAllAndOverride<string[] | undefined>(SCOPES_KEY, [
    context.getHandler(),
    context.getClass(),
  ]);
}

/** The verified caller of a scoped route. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Actor =>
    ctx.switchToHttp().getRequest<{ user: Actor }>().user,
);
