import { RouteConfig } from '@nestjs/platform-fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by `@ReadsOwnBody()`. */
    ehealthReadsOwnBody?: boolean;
  }
}

/**
 * The handler reads the request body itself, from the Node.js stream, after its own checks (the
 * signed upload route): the standalone app's body step (`RequestBodyInterceptor`) leaves such a
 * route's body unread, whatever its Content-Type. A host keeps its own body parsing.
 */
export const ReadsOwnBody = (): MethodDecorator => RouteConfig({ ehealthReadsOwnBody: true });
