/**
 * The requests the MIS client openhealths/ohealth sends, and the way it reads an answer, in this
 * project's words. The client is PHP (Laravel's HTTP client over Guzzle); what matters of that:
 *
 * - every call carries `Content-Type: application/json` (Laravel's client defaults to JSON, GET
 *   included), `X-Custom-PSK` and `API-key` from its configuration (both sent even when empty),
 *   and `Authorization: Bearer <token>` once the user logged in;
 * - a body is PHP's `json_encode` of an array: non-ASCII characters as `\uXXXX`, `/` as `\/`; an
 *   empty PHP array is `[]`, an empty object `{}`;
 * - a query is `http_build_query` with RFC 3986 encoding: `false` becomes `0`, `true` `1`;
 * - path parameters are put into the path as they are (a phone keeps its `+`).
 */
import type supertest from 'supertest';

/** What the client is configured with: its `ehealth.api.*` settings and the user's token. */
export interface MisClientSettings {
  /** `ehealth.api.token`, sent as `X-Custom-PSK` (the default configuration sends `X-Custom-PSK`). */
  readonly customPsk: string;
  /** `ehealth.api.api_key`, sent as `API-key` (the default configuration sends an empty one). */
  readonly apiKey: string;
  /** The user's bearer token (the client sends no `Authorization` without one). */
  readonly bearerToken?: string;
}

export interface MisRequest {
  readonly method: 'GET' | 'POST' | 'PATCH';
  /** The path as sent, without the query. */
  readonly path: string;
  /** The query parameters as the client encodes their values. */
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON value of the body; `undefined` when the client sends none. */
  readonly body?: unknown;
}

/** The headers every call of the client carries. */
export function misHeaders(settings: MisClientSettings): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'X-Custom-PSK': settings.customPsk,
    'API-key': settings.apiKey,
    ...(settings.bearerToken === undefined
      ? {}
      : { Authorization: `Bearer ${settings.bearerToken}` }),
  };
}

/** PHP's `json_encode` with default flags: the bytes the client puts on the wire. */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `http_build_query` value of one scalar: booleans as `1`/`0`. */
export function queryValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

/** `rawurlencode`, as `http_build_query(..., PHP_QUERY_RFC3986)` applies it. */
function rawUrlEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The request line's target: the path and its encoded query. */
export function targetOf(request: MisRequest): string {
  const query = Object.entries(request.query)
    .map(([k, v]) => `${rawUrlEncode(k)}=${rawUrlEncode(v)}`)
    .join('&');
  return query === '' ? request.path : `${request.path}?${query}`;
}

/** Sends the request to the service under test with the client's exact bytes. */
export function sendMisRequest(http: ReturnType<typeof supertest>, request: MisRequest) {
  const target = targetOf(request);
  const call =
    request.method === 'GET'
      ? http.get(target)
      : request.method === 'POST'
        ? http.post(target)
        : http.patch(target);
  call.set(request.headers);
  return request.body === undefined ? call : call.send(phpJsonEncode(request.body));
}

/** A JSON body the client never inspected, as PHP `$response->json('data', [])` gives it. */
export interface ClientView {
  /** `getData()`: `data`, or `[]` when absent. */
  readonly data: unknown;
  /** `getUrgent()`: `urgent`, or `[]` when absent. */
  readonly urgent: unknown;
  /** What already fails here: `getData()` and `getUrgent()` are typed `array` and throw otherwise. */
  readonly failures: string[];
}

/** How the client's `EHealthResponse` reads an answer (app/Classes/eHealth/EHealthResponse.php). */
export function clientView(body: unknown): ClientView {
  const failures: string[] = [];
  const part = (name: 'data' | 'urgent'): unknown => {
    const value: unknown =
      typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>)[name]
        : undefined;
    if (value === undefined) return [];
    // `json('data', [])` gives a present null as null, and the typed getter throws on it.
    if (typeof value !== 'object' || value === null) {
      failures.push(
        `${name}: not an object or a list (EHealthResponse::get${name === 'data' ? 'Data' : 'Urgent'} throws)`,
      );
      return [];
    }
    return value;
  };
  return { data: part('data'), urgent: part('urgent'), failures };
}

/**
 * A key the client reads with `$array['key']`: a missing one stops it (Laravel turns the
 * "Undefined array key" warning into an exception).
 */
export function reads(value: unknown, path: string, readBy: string): string[] {
  let node: unknown = value;
  for (const segment of path.split('.')) {
    if (typeof node !== 'object' || node === null || !(segment in node)) {
      return [`${path}: missing, read by ${readBy}`];
    }
    node = (node as Record<string, unknown>)[segment];
  }
  return [];
}
