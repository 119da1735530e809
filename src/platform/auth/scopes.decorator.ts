import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
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

/** The verified caller of a scoped route. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Actor =>
    ctx.switchToHttp().getRequest<{ user: Actor }>().user,
);
