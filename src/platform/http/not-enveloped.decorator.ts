import { SetMetadata } from '@nestjs/common';

export const NOT_ENVELOPED = 'ehealth:not-enveloped';

/**
 * The handler's result is the response body as it is (Prometheus text, for instance): the
 * envelope interceptor leaves it alone. On a controller class or on one handler.
 */
export const NotEnveloped = (): ClassDecorator & MethodDecorator =>
  SetMetadata(NOT_ENVELOPED, true);
