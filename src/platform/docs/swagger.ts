import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

const ERROR_ENVELOPE = {
  type: 'object',
  required: ['meta', 'error'],
  properties: {
    meta: { $ref: '#/components/schemas/Meta' },
    error: {
      type: 'object',
      required: ['type', 'message'],
      properties: {
        type: { type: 'string', example: 'not_found' },
        message: { type: 'string', example: 'Resource not found' },
        invalid: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              entry_type: { type: 'string', example: 'json_data_property' },
              entry: { type: 'string', example: '$.authentication_method.phone_number' },
              rules: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    rule: { type: 'string', example: 'format' },
                    description: { type: 'string' },
                    params: {},
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

const META = {
  type: 'object',
  required: ['code', 'url', 'type', 'request_id'],
  properties: {
    code: { type: 'integer', example: 200 },
    url: { type: 'string', example: 'http://localhost:3000/api/persons' },
    type: { type: 'string', enum: ['object', 'list'] },
    request_id: { type: 'string', example: 'c0a8012e-7f1b-4d2a-9a51-4b1b1d2f6a10' },
    idempotency_key: {
      type: 'string',
      description:
        'The `X-Idempotency-Key` of the request, on answers to a POST or PATCH that sent a valid one',
      example: '5f0c2d1e-8a7b-4c3d-9e2f-1a0b9c8d7e6f',
    },
  },
} as const;

/** `X-Idempotency-Key`, which every POST and PATCH takes (docs/api.md, Safe retries). */
const IDEMPOTENCY_KEY_HEADER = {
  name: 'X-Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes the call safe to retry: a retry with the same key, method, path and body within ' +
    'IDEMPOTENCY_TTL_HOURS (24) gets the first answer (2xx, 404, 409, 422) again with a fresh ' +
    '`meta.request_id` and `meta.idempotency_key`; the key with another request is 422 on ' +
    '`$.headers.x-idempotency-key`; the same request still in flight is waited for, then 409. ' +
    'Keys belong to the client (`client_id`).',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
} as const;

/** Methods whose operations take `X-Idempotency-Key`. */
const KEYED_METHODS = ['post', 'patch'] as const;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Builds the OpenAPI 3 document of the running app (served and written to docs/openapi.json). */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('eHealth registry: person requests and authentication methods')
    .setDescription(
      'Person requests (registry v3 contract) with OTP resend, and approval of authentication method requests. ' +
        'Get a token with `npm run token -- <scope> ...` and paste it into **Authorize**.',
    )
    .setVersion('1.0.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey: string, methodKey: string) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  // Routes without @Scopes() are public (health, metrics, signed uploads): say so explicitly
  // with an empty requirement, so the document states the security of every operation.
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation && operation.security === undefined) operation.security = [];
    }
    for (const method of KEYED_METHODS) {
      const operation = item[method];
      if (operation)
        operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_KEY_HEADER];
    }
  }
  document.components = {
    ...document.components,
    schemas: {
      ...(document.components?.schemas ?? {}),
      Meta: META,
      ErrorEnvelope: ERROR_ENVELOPE,
    } as never,
  };
  return document;
}

export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApi(app), {
    jsonDocumentUrl: 'api/docs-json',
    swaggerOptions: {
      persistAuthorization: true,
      displayRequestDuration: true,
      tryItOutEnabled: false,
    },
    customSiteTitle: 'eHealth auth methods: API explorer',
  });
}
