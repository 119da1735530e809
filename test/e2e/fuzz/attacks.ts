import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { TEST_CLIENT_ID, TEST_JWT_SECRET, TEST_USER_ID } from '../../support/tokens.js';

/**
 * Attack classes of the HTTP fuzzer beyond random bodies, each with a model of the answer the
 * service must give: JSON nested around and far beyond 64 levels, huge and non-finite page
 * numbers, forged Host and forwarding headers, odd JWT headers and claims, the gateway's
 * X-Custom-PSK, oversized heads, hostile bodies without a token, odd X-Request-IDs.
 */

export const MAX_DEPTH = 64;
export const TOO_DEEP_TEXT = `JSON is nested deeper than ${MAX_DEPTH} levels`;
/** Methods whose body Fastify reads (GET, HEAD and TRACE bodies are ignored). */
export const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

// ---------------------------------------------------------------------------------------------
// Deep nesting

export interface DeepSpec {
  readonly depth: number;
  readonly shape: 'array' | 'object' | 'mixed';
  /** Nested under a key of an object (one more level), with brackets in strings around it. */
  readonly wrapped: boolean;
}

export const deepSpec: fc.Arbitrary<DeepSpec> = fc.record({
  depth: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(1, 62, 63, 64, 65, 66, 100, 1000, 100_000) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 200 }) },
    { weight: 1, arbitrary: fc.integer({ min: 10_000, max: 100_000 }) },
  ),
  shape: fc.constantFrom('array', 'object', 'mixed'),
  wrapped: fc.boolean(),
});

/** The JSON text of a spec and its real nesting depth. */
export function deepText(spec: DeepSpec): { text: string; depth: number } {
  const opens: string[] = [];
  const closes: string[] = [];
  for (let i = 0; i < spec.depth; i++) {
    const object = spec.shape === 'object' || (spec.shape === 'mixed' && i % 2 === 1);
    opens.push(object ? '{"k":' : '[');
    closes.push(object ? '}' : ']');
  }
  const core = `${opens.join('')}"[[{{\\"]]"${closes.reverse().join('')}`;
  if (!spec.wrapped) return { text: core, depth: spec.depth };
  return { text: `{"note":"[[[[{{{{","nested":${core}}`, depth: spec.depth + 1 };
}

// ---------------------------------------------------------------------------------------------
// Page numbers

export const PAGE_LISTS = [
  { path: '/api/v3/person_requests', scope: 'person_request:read' },
  { path: '/api/events', scope: 'event:read' },
] as const;

const pageValue: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  {
    weight: 3,
    arbitrary: fc.oneof(
      fc.constantFrom('1', '2', '300', '9007199254740991', '0001'),
      fc.integer({ min: 1, max: 300 }).map(String),
    ),
  },
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '301',
      '0',
      '-1',
      '1e308',
      '-1e308',
      '1e309',
      '99999999999999999999999',
      '9007199254740992',
      '18446744073709551616',
      'Infinity',
      '-Infinity',
      'NaN',
      '1.5',
      '1.0',
      '1e3',
      '0x10',
      '0b1',
      '1_000',
      ' 1',
      '1 ',
      '+1',
      '',
      '٣',
      '１',
    ),
  },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 40n }).map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

export interface PageSpec {
  readonly list: (typeof PAGE_LISTS)[number];
  readonly page: string | undefined;
  readonly pageSize: string | undefined;
}

export const pageSpec: fc.Arbitrary<PageSpec> = fc.record({
  list: fc.constantFrom(...PAGE_LISTS),
  page: pageValue,
  pageSize: pageValue,
});

function pageAccepted(value: string | undefined, max: number): boolean {
  if (value === undefined) return true;
  return /^[0-9]{1,16}$/.test(value) && Number(value) >= 1 && Number(value) <= max;
}

export function pageQuery(spec: PageSpec): string {
  const pairs: string[] = [];
  if (spec.page !== undefined) pairs.push(`page=${encodeURIComponent(spec.page)}`);
  if (spec.pageSize !== undefined) pairs.push(`page_size=${encodeURIComponent(spec.pageSize)}`);
  return pairs.join('&');
}

/** 200 when both are absent or whole numbers in range, otherwise 422. */
export function pageStatus(spec: PageSpec): number {
  return pageAccepted(spec.page, Number.MAX_SAFE_INTEGER) && pageAccepted(spec.pageSize, 300)
    ? 200
    : 422;
}

// ---------------------------------------------------------------------------------------------
// Forged Host

export interface HostSpec {
  /** A distinctive name: it must appear nowhere in the answer. */
  readonly host: string;
  readonly port: string;
  readonly forwarded: boolean;
}

export const hostSpec: fc.Arbitrary<HostSpec> = fc.record({
  host: fc.stringMatching(/^[a-z0-9]{4,20}$/).map((label) => `forged-${label}.attacker.example`),
  port: fc.constantFrom('', ':80', ':443', ':8443', ':1'),
  forwarded: fc.boolean(),
});

export function hostHeaders(spec: HostSpec): Record<string, string> {
  return {
    Host: `${spec.host}${spec.port}`,
    ...(spec.forwarded
      ? {
          'X-Forwarded-Host': spec.host,
          'X-Forwarded-Proto': 'https',
          'X-Forwarded-For': '203.0.113.7',
          Forwarded: `for=203.0.113.7;host=${spec.host};proto=https`,
        }
      : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Tokens

type Relative = { readonly in: number } | { readonly raw: unknown } | undefined;

export interface TokenSpec {
  readonly header: Record<string, unknown>;
  readonly sub: unknown;
  readonly clientId: unknown;
  readonly exp: Relative;
  readonly iat: Relative;
  readonly nbf: Relative;
  /** Replaces the payload's `"exp":0` with this text (values JSON cannot write: 1e400). */
  readonly expText?: string;
  /** Not a JWT at all: three random base64url segments. */
  readonly garbage?: string;
}

const MISSING = Symbol('missing');
/** The value in one case out of `n`, else no such key. */
const oneIn = <T>(n: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T | typeof MISSING> =>
  fc.oneof({ weight: 1, arbitrary: arb }, { weight: n - 1, arbitrary: fc.constant(MISSING) });

const header: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    alg: fc.oneof(
      { weight: 20, arbitrary: fc.constant('HS256') },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          'none',
          'None',
          'NONE',
          'HS384',
          'HS512',
          'RS256',
          'ES256',
          'PS256',
          'hs256',
          'HS256 ',
          ' HS256',
          '',
          'HS256\u0000',
        ),
      },
      { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 256, true, ['HS256'], { a: 1 }) },
    ),
    typ: oneIn(
      2,
      fc.constantFrom<unknown>('JWT', 'jwt', 'at+jwt', 'JOSE', '', 42, null, {}, 'x'.repeat(500)),
    ),
    kid: oneIn(
      4,
      fc.constantFrom<unknown>(
        'key-1',
        '../../../../etc/passwd',
        "' OR 1=1 --",
        '\u0000',
        'x'.repeat(5000),
        {},
        [],
        1e308,
        null,
      ),
    ),
    crit: oneIn(
      8,
      fc.constantFrom<unknown>([], ['exp'], ['b64'], ['http://example.com/ext'], 'exp', null, [42]),
    ),
    jku: oneIn(8, fc.constantFrom<unknown>('https://attacker.example/jwks.json')),
    cty: oneIn(8, fc.constantFrom<unknown>('JWT', 'application/json')),
  })
  .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== MISSING)));

/** A claim: its good value 14 times in 17, else one of `odd` (the claim missing, a wrong kind). */
const mostly = (good: unknown, odd: readonly unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 14, arbitrary: fc.constant<unknown>(good) },
    { weight: 3, arbitrary: fc.constantFrom<unknown>(...odd) },
  );

/**
 * A time claim: mostly an offset the rules accept, else one they refuse, a value of the wrong
 * kind, or none. Offsets keep clear of the limits (60 s of skew, 24 h of life), so that the
 * second that passes between signing and checking cannot change the answer.
 */
const relative = (
  good: readonly number[],
  bad: readonly number[],
  raws: readonly unknown[],
  missingWeight: number,
): fc.Arbitrary<Relative> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...good).map((seconds) => ({ in: seconds })) },
    { weight: 2, arbitrary: fc.constantFrom(...bad).map((seconds) => ({ in: seconds })) },
    { weight: 1, arbitrary: fc.constantFrom(...raws).map((raw) => ({ raw })) },
    { weight: missingWeight, arbitrary: fc.constant(undefined) },
  );

export const tokenSpec: fc.Arbitrary<TokenSpec> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record({
      header,
      sub: mostly(TEST_USER_ID, [
        MISSING,
        '',
        42,
        null,
        [],
        {},
        true,
        'x'.repeat(300),
        'x'.repeat(256),
        'not-a-uuid',
        'a\u0000b',
        'mis\ud800x',
        'two words',
        'user\u007f',
        'лікар',
      ]),
      clientId: mostly(TEST_CLIENT_ID, [
        MISSING,
        '',
        42,
        null,
        [TEST_CLIENT_ID],
        { id: TEST_CLIENT_ID },
        false,
        'another-client',
        'a\u0000b',
        'mis\ud800x',
        'mis\ufffdx',
        ' padded ',
        'tab\tbed',
        'client\u007f',
        'c'.repeat(256),
        'клієнт',
      ]),
      exp: relative(
        [600, 3600, 80_000],
        [86_520, -5, -3600, 400 * 86_400],
        [1e300, -1e300, 'NaN', '1e300', String(Date.now()), null, 0, -1, true, {}, []],
        1,
      ),
      iat: relative(
        [0, -10, -600, 30, 55],
        [75, 3600, -90_000],
        ['now', null, 1e300, -1e300, 0, true],
        4,
      ),
      nbf: relative([-10, 0, 30, 55], [75, 3600], ['x', null, 1e300], 12),
      expText: fc.oneof(
        { weight: 30, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom('1e400', '-1e400', '1e-400', '9'.repeat(400)) },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/), { minLength: 3, maxLength: 3 })
      .map((segments) => ({
        header: {},
        sub: undefined,
        clientId: undefined,
        exp: undefined,
        iat: undefined,
        nbf: undefined,
        garbage: segments.join('.'),
      })),
  },
);

const b64url = (text: string): string => Buffer.from(text).toString('base64url');

function timeOf(value: Relative, now: number): unknown {
  if (value === undefined) return MISSING;
  return 'in' in value ? now + value.in : value.raw;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** `sub` and `client_id`: 1–255 characters of printable ASCII (docs/api.md, Bearer tokens). */
function isIdentity(value: unknown): boolean {
  return typeof value === 'string' && /^[\x21-\x7e]{1,255}$/.test(value);
}

/**
 * The token of a spec, signed with the service's secret (HS256 whatever `alg` says, so only the
 * rules decide), and whether the service must accept it at `now` (wall clock, seconds).
 */
export function tokenOf(spec: TokenSpec, now: number): { token: string; accepted: boolean } {
  if (spec.garbage !== undefined) return { token: spec.garbage, accepted: false };
  const claims: Record<string, unknown> = { scope: 'person_request:read person_request:write' };
  const times = {
    exp: timeOf(spec.exp, now),
    iat: timeOf(spec.iat, now),
    nbf: timeOf(spec.nbf, now),
  };
  const put = (key: string, value: unknown): void => {
    if (value !== MISSING) claims[key] = value;
  };
  put('sub', spec.sub);
  put('client_id', spec.clientId);
  put('exp', spec.expText !== undefined ? 0 : times.exp);
  put('iat', times.iat);
  put('nbf', times.nbf);
  let payload = JSON.stringify(claims);
  if (spec.expText !== undefined) payload = payload.replace('"exp":0', `"exp":${spec.expText}`);
  const head = `${b64url(JSON.stringify(spec.header))}.${b64url(payload)}`;
  const token = `${head}.${createHmac('sha256', TEST_JWT_SECRET).update(head).digest('base64url')}`;

  const exp = spec.expText !== undefined ? Number(spec.expText) : times.exp;
  const iat = times.iat === MISSING ? undefined : times.iat;
  const nbf = times.nbf === MISSING ? undefined : times.nbf;
  const accepted =
    spec.header.alg === 'HS256' &&
    !Object.hasOwn(spec.header, 'crit') &&
    isTime(exp) &&
    exp > now &&
    (iat === undefined || (isTime(iat) && iat <= now + 60)) &&
    (nbf === undefined || (isTime(nbf) && nbf <= now + 60)) &&
    exp - (iat ?? now) <= 86_400 &&
    isIdentity(spec.sub) &&
    isIdentity(spec.clientId);
  return { token, accepted };
}

/** Protected routes a token case calls, and their answer once the token is accepted. */
export const TOKEN_ROUTES = [
  { method: 'GET', path: (_id: string) => '/api/v3/person_requests', accepted: 200 },
  {
    method: 'POST',
    path: (id: string) => `/api/person_requests/${id}/actions/resend_otp`,
    accepted: 404,
  },
] as const;

// ---------------------------------------------------------------------------------------------
// The gateway's pre-shared key (X-Custom-PSK)

/** CUSTOM_PSK of the fuzzed app: every other case sends it. */
export const FUZZ_PSK = 'fuzz-gateway-psk-7f3a9c';

/** The header's value in a PSK case; undefined sends no header at all. */
export const pskValue: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(FUZZ_PSK) },
  { weight: 2, arbitrary: fc.constantFrom(undefined, '') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      FUZZ_PSK.toUpperCase(),
      FUZZ_PSK.slice(0, -1),
      `${FUZZ_PSK.slice(0, -1)}X`,
      `${FUZZ_PSK}0`,
      `0${FUZZ_PSK}`,
      `${FUZZ_PSK},${FUZZ_PSK}`,
      "' OR 1=1 --",
      'p'.repeat(5000),
    ),
  },
  { weight: 3, arbitrary: fc.stringMatching(/^[!-~]{1,64}$/) },
);

/** The refusal a PSK value must get, before the token is looked at; undefined = it passes. */
export function pskRefusal(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return 'X-Custom-PSK header is not set';
  return value === FUZZ_PSK ? undefined : 'Invalid PSK';
}

// ---------------------------------------------------------------------------------------------
// Oversized heads (raw socket)

export interface HugeHeadSpec {
  readonly path: string;
  /** Bytes of header values, spread over `count` headers. */
  readonly size: number;
  readonly count: number;
  readonly forgedHost: string;
}

export const hugeHeadSpec: fc.Arbitrary<HugeHeadSpec> = fc.record({
  path: fc.constantFrom(
    '/health/live',
    '/api/v3/person_requests?page=1',
    '/api/persons/00000000-0000-4000-8000-000000000000',
    '/api/uploads/a/b/PASSPORT.jpeg?expires=1&signature=0',
    '/api/nothing-here',
  ),
  size: fc.oneof(
    fc.constantFrom(1024, 8 * 1024, 14 * 1024, 18 * 1024, 64 * 1024, 200 * 1024, 1024 * 1024),
    fc.integer({ min: 1, max: 300 * 1024 }),
  ),
  count: fc.integer({ min: 1, max: 40 }),
  forgedHost: fc.stringMatching(/^[a-z0-9]{4,12}$/).map((l) => `forged-${l}.attacker.example`),
});

export function hugeHeadRequest(spec: HugeHeadSpec): string {
  const per = Math.max(1, Math.floor(spec.size / spec.count));
  const headers = Array.from({ length: spec.count }, (_, i) => `X-Pad-${i}: ${'a'.repeat(per)}`);
  return (
    `GET ${spec.path} HTTP/1.1\r\nHost: ${spec.forgedHost}\r\n` +
    `${headers.join('\r\n')}\r\nConnection: close\r\n\r\n`
  );
}

// ---------------------------------------------------------------------------------------------
// Hostile bodies without a token

export interface AnonymousBodySpec {
  /** A route's own method, or another one (then the path serves no such route: 404). */
  readonly ownMethod: boolean;
  readonly authorization: 'none' | 'garbage' | 'lowercase';
  readonly body: { readonly text: string; readonly contentType: string | undefined };
  readonly contentEncoding: string | undefined;
}

/** A body of about `size` bytes of valid JSON. */
const bigJson = (size: number): string => `{"first_name":"${'x'.repeat(Math.max(0, size - 17))}"}`;

const hostileBody: fc.Arbitrary<AnonymousBodySpec['body']> = fc.oneof(
  deepSpec.map((spec) => ({ text: deepText(spec).text, contentType: 'application/json' })),
  fc.constantFrom(
    { text: '{"first_name": ', contentType: 'application/json' },
    { text: '{"__proto__":{"polluted":true}}', contentType: 'application/json' },
    { text: '{"a":"\\u0000"}', contentType: 'application/json' },
    { text: 'hello', contentType: 'text/plain' },
    { text: '{}', contentType: ';;;' },
    { text: '{}', contentType: 'application/json; charset=latin1' },
    { text: '{}', contentType: undefined },
  ),
  fc
    .constantFrom(1024 * 1024 + 1, 1536 * 1024, 2 * 1024 * 1024)
    .map((size) => ({ text: bigJson(size), contentType: 'application/json' })),
);

export const anonymousBodySpec: fc.Arbitrary<AnonymousBodySpec> = fc.record({
  ownMethod: fc.oneof(
    { weight: 4, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  authorization: fc.constantFrom('none', 'garbage', 'lowercase'),
  body: hostileBody,
  contentEncoding: fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('gzip', 'bogus') },
  ),
});

export const NO_BEARER = {
  type: 'access_denied',
  message: "Authorization header is not set or doesn't contain Bearer token",
};

/** The Authorization header of a spec (none at all for `none`). */
export function anonymousAuthorization(spec: AnonymousBodySpec): string | undefined {
  if (spec.authorization === 'none') return undefined;
  return spec.authorization === 'garbage' ? 'Bearer not.a.token' : `bearer ${'a'.repeat(20)}`;
}

// ---------------------------------------------------------------------------------------------
// Odd X-Request-IDs

/** Written forms of phones, and other values a client may put in X-Request-ID. */
export const oddRequestId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '380971234567',
    '+380971234567',
    '0631112294',
    '063-111-22-94',
    '063.111.22.94',
    '063_111_22_94',
    '+38 063 111 22 94',
    '%2B380971234567',
    'mis:order#123456789',
    'mis:order#12345678',
    '12345678-1234-4234-8234-123456789012',
    '12345678-1234-4234-8234-123456789012#7',
    '12345678-1234-4234-8234-1234567890123',
    'a'.repeat(200),
    'a'.repeat(201),
    'ïd',
    'a/b',
  ),
  fc.uuid().chain((uuid) => fc.nat({ max: 10 ** 12 }).map((n) => `${uuid}#${n}`)),
  fc.stringMatching(/^[A-Za-z0-9._~:#-]{1,40}$/),
  fc.stringMatching(/^[0-9._-]{1,24}$/),
);

const UUID_ALONE =
  /(?<![A-Za-z0-9])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9])/gi;

/**
 * Whether the service must keep a sent X-Request-ID: 1 to 200 of `A-Z a-z 0-9 . _ ~ : # -`,
 * and no nine digits with only `.`, `_` or `-` between them outside a stand-alone UUID.
 */
export function requestIdKept(id: string): boolean {
  if (!/^[A-Za-z0-9._~:#-]{1,200}$/.test(id)) return false;
  return !/[0-9](?:[._-]*[0-9]){8}/.test(id.replace(UUID_ALONE, '#'));
}

// ---------------------------------------------------------------------------------------------
// X-Idempotency-Key

/**
 * Values of `X-Idempotency-Key` that an HTTP client can send (tab, space, printable ASCII and
 * Latin-1 bytes; no control character): keys around both lengths, spaces inside and around,
 * non-ASCII letters, and plain keys that repeat across cases (a reused key with another body).
 */
export const idempotencyKeyValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '\t', 'k', ' k ', 'a b', 'clé', 'x'.repeat(255)),
  fc.constantFrom('x'.repeat(256), 'reused-key', 'reused-key-2'),
  fc.stringMatching(/^[\x21-\x7e]{1,300}$/),
  fc.stringMatching(/^[\t\x20-\x7e\xa0-\xff]{0,40}$/),
);

/**
 * The model of a key header: the server reads the value without the spaces and tabs around it
 * (HTTP's optional white space), and the key is 1–255 characters of 0x21–0x7E. Latin-1 bytes
 * that the client sends stay outside that range however they are read.
 */
export function idempotencyKeyModel(value: string): { valid: boolean; key: string } {
  const key = value.replace(/^[ \t]+|[ \t]+$/g, '');
  return { valid: /^[\x21-\x7e]{1,255}$/.test(key), key };
}
