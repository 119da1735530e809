import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { ErrorSpec } from '../../kernel/domain/errors.js';
import { ERROR_HTTP } from '../http/error-mapping.js';
import { PLATFORM_ERRORS } from '../errors.js';

const TYPES: Record<number, { type: string; message: string; description: string }> = {
  400: {
    type: 'request_malformed',
    message: 'Malformed JSON in request body',
    description: 'Body is not valid JSON',
  },
  401: {
    type: 'access_denied',
    message: 'Invalid access token',
    description: 'No token, bad token or bad api key',
  },
  403: {
    type: 'forbidden',
    message: 'Your scope does not allow to access this resource. Missing allowances: person:read',
    description: 'The token lacks a scope',
  },
  404: {
    type: 'not_found',
    message: 'Resource not found',
    description: 'Unknown id, or an id that is not a UUID',
  },
  409: {
    type: 'request_conflict',
    message: 'Invalid transition',
    description: 'The state forbids the action',
  },
  413: {
    type: 'request_too_large',
    message: 'Request body is too large',
    description: 'Body over 1 MiB',
  },
  422: {
    type: 'validation_failed',
    message: 'Validation failed',
    description: 'The body fails validation',
  },
  429: {
    type: 'too_many_requests',
    message: 'Too many requests',
    description: 'Rate limit; see Retry-After',
  },
  503: {
    type: 'service_unavailable',
    message: PLATFORM_ERRORS.databaseUnavailable.message,
    description: 'A dependency is down or timed out',
  },
};

/** One `invalid` entry of a 422 example. */
export interface InvalidExample {
  readonly entry: string;
  readonly rule: string;
  readonly description: string;
}

const BODY_INVALID: InvalidExample = {
  entry: '$.authentication_method.phone_number',
  rule: 'format',
  description: 'must match ^\\+380[0-9]{9}$',
};

export interface ErrorExample {
  readonly status: number;
  readonly message?: string;
  readonly type?: string;
  readonly description?: string;
  /** A 422's entry (default: one of a body). */
  readonly invalid?: InvalidExample;
}

function errorExample(
  status: number,
  type: string,
  message: string,
  invalid: InvalidExample = BODY_INVALID,
): Record<string, unknown> {
  return {
    meta: {
      code: status,
      url: 'http://localhost:3000/api/...',
      type: 'object',
      request_id: 'c0a8012e-7f1b-4d2a-9a51-4b1b1d2f6a10',
    },
    error: {
      type,
      message,
      ...(type === 'validation_failed'
        ? {
            invalid: [
              {
                entry_type: 'json_data_property',
                entry: invalid.entry,
                rules: [{ rule: invalid.rule, description: invalid.description, params: [] }],
              },
            ],
          }
        : {}),
    },
  };
}

function exampleOf(e: number | ErrorExample | ErrorSpec): ErrorExample {
  if (typeof e === 'number') return { status: e };
  if ('code' in e) return { ...ERROR_HTTP[e.code], message: e.message };
  return e;
}

/**
 * Documents the registry error envelope of each listed error for a route: a status (generic
 * text), an entry of the error catalogue (its status, type and exact text), or a custom example.
 */
export function ApiErrors(...errors: (number | ErrorExample | ErrorSpec)[]): MethodDecorator {
  const grouped = new Map<number, ErrorExample[]>();
  for (const e of errors) {
    const example = exampleOf(e);
    grouped.set(example.status, [...(grouped.get(example.status) ?? []), example]);
  }
  return applyDecorators(
    ...[...grouped.entries()].map(([status, list]) => {
      const base = TYPES[status];
      const examples = Object.fromEntries(
        list.map((e, i) => [
          e.message ? e.message.slice(0, 60) : `${base.type}${i || ''}`,
          {
            summary: e.description ?? e.message ?? base.description,
            value: errorExample(status, e.type ?? base.type, e.message ?? base.message, e.invalid),
          },
        ]),
      );
      return ApiResponse({
        status,
        description: list.map((e) => e.description ?? e.message ?? base.description).join('; '),
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' }, examples },
        },
      });
    }),
  );
}

/** Documents the success envelope of a route with an example of its `data` (and extras). */
export function ApiSuccess(
  status: 200 | 201,
  description: string,
  data: unknown,
  extras: { urgent?: unknown; paging?: unknown } = {},
): MethodDecorator {
  return ApiResponse({
    status,
    description,
    content: {
      'application/json': {
        example: {
          meta: {
            code: status,
            url: 'http://localhost:3000/api/...',
            type: Array.isArray(data) ? 'list' : 'object',
            request_id: 'c0a8012e-7f1b-4d2a-9a51-4b1b1d2f6a10',
          },
          data,
          ...extras,
        },
      },
    },
  });
}
