import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import supertest from 'supertest';
import { SmsSender } from '../../../src/otp-built-in/application/sms-sender.port.js';
import { V2_REQUEST_EXAMPLE } from '../../../src/person-request/adapters/http/v2-request.example.js';
import { createAmr } from '../../support/auth-method-requests.js';
import { snapshot } from '../../support/database.js';
import { CapturingSmsSender } from '../../support/otp-sms.js';
import { registerPerson, personBody } from '../../support/persons.js';
import { createTestApp, rawRequest, type RawAnswer, type TestApp } from '../../support/test-app.js';
import { ALL_SCOPES, tokenFor } from '../../support/tokens.js';
import { v3Body } from '../../support/v3.js';
import { verifyPhone } from '../../support/verifications.js';
import {
  BODY_METHODS,
  FUZZ_PSK,
  MAX_DEPTH,
  NO_BEARER,
  TOKEN_ROUTES,
  TOO_DEEP_TEXT,
  anonymousAuthorization,
  anonymousBodySpec,
  deepSpec,
  deepText,
  hostHeaders,
  hostSpec,
  hugeHeadRequest,
  hugeHeadSpec,
  idempotencyKeyModel,
  idempotencyKeyValue,
  oddRequestId,
  pageQuery,
  pageSpec,
  pageStatus,
  pskRefusal,
  pskValue,
  requestIdKept,
  tokenOf,
  tokenSpec,
  type AnonymousBodySpec,
  type HugeHeadSpec,
  type TokenSpec,
} from './attacks.js';

/**
 * HTTP fuzzing: seeded random bodies, path ids, query strings and headers against every route,
 * plus attacks with a model of their answer (attacks.ts): JSON nested around and far beyond 64
 * levels, huge and non-finite page numbers, forged Host and forwarding headers, odd JWT headers
 * and claims, the gateway's X-Custom-PSK (the app runs with CUSTOM_PSK; every other case sends it
 * right), hostile bodies without a token, odd X-Request-IDs, oversized request heads over a raw
 * socket, X-Idempotency-Key values on every write route. Properties of every answer: no 5xx; the registry envelope with meta.url on PUBLIC_URL
 * and the request id the rules give; and a rejected call (≥ 400) leaves the database
 * exactly as it was.
 *
 * CI runs a small seeded slice; `npm run test:fuzz` (FUZZ_RUNS=10000) the full campaign.
 * FUZZ_SEED picks another seed; FUZZ_REPORT=<file> writes the per-route/status counts as JSON.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
/** Oversized heads go over a raw socket, one connection each: a twentieth of the cases. */
const HEAD_RUNS = Math.max(10, Math.round(RUNS / 20));
const TIMEOUT_MS = Math.max(60_000, RUNS * 200);
const PUBLIC_URL = 'https://registry.fuzz.example/ehealth';
const INVALID_TOKEN = { type: 'access_denied', message: 'Invalid access token' };
const UPLOAD_REFUSED = { type: 'forbidden', message: 'Upload URL signature is invalid or expired' };
const NEW_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

interface Route {
  readonly method: Method;
  /** `:person`, `:person_request`, `:amr`, `:phone` and `*key` are replaced by fuzzed segments. */
  readonly path: string;
  readonly body?: () => unknown;
}

const OTP_PHONE = '+380971234567';
/** The phone the seeded authentication method request inserts (verified before it). */
const NEW_PHONE = '+380501112233';

/** Every route of the controllers (src/…/adapters/http/*.controller.ts). */
const ROUTES: readonly Route[] = [
  {
    method: 'POST',
    path: '/api/persons',
    body: () => personBody({ authentication_methods: [{ type: 'OTP', phone_number: OTP_PHONE }] }),
  },
  { method: 'GET', path: '/api/persons' },
  { method: 'GET', path: '/api/v2/persons' },
  { method: 'GET', path: '/api/persons/:person' },
  { method: 'GET', path: '/api/persons/:person/authentication_methods' },
  { method: 'GET', path: '/api/persons/:person/verification' },
  { method: 'POST', path: '/api/v3/person_requests', body: () => v3Body() },
  { method: 'GET', path: '/api/v3/person_requests' },
  { method: 'GET', path: '/api/v3/person_requests/:person_request' },
  {
    method: 'POST',
    path: '/api/person_requests/:person_request/actions/resend_otp',
    body: () => ({}),
  },
  {
    method: 'PATCH',
    path: '/api/v3/person_requests/:person_request/actions/approve',
    body: () => ({ verification_code: 1234 }),
  },
  {
    method: 'PATCH',
    path: '/api/v3/person_requests/:person_request/actions/reject',
    body: () => ({}),
  },
  {
    method: 'PATCH',
    path: '/api/v3/person_requests/:person_request/actions/sign',
    body: () => ({
      signed_content: Buffer.from('{"patient_signed":true}').toString('base64'),
      signed_content_encoding: 'base64',
    }),
  },
  {
    method: 'POST',
    path: '/api/v2/person_requests',
    body: () => structuredClone(V2_REQUEST_EXAMPLE),
  },
  { method: 'GET', path: '/api/person_requests' },
  { method: 'GET', path: '/api/v2/person_requests/:person_request' },
  {
    method: 'PATCH',
    path: '/api/v2/person_requests/:person_request/actions/approve',
    body: () => ({ verification_code: 1234 }),
  },
  {
    method: 'PATCH',
    path: '/api/v2/person_requests/:person_request/actions/reject',
    body: () => ({}),
  },
  {
    method: 'PATCH',
    path: '/api/v2/person_requests/:person_request/actions/sign',
    body: () => ({
      signed_content: Buffer.from('{"patient_signed":true}').toString('base64'),
    }),
  },
  {
    method: 'POST',
    path: '/api/persons/:person/authentication_method_requests',
    body: () => ({ action: 'insert', authentication_method: { type: 'OFFLINE', alias: 'a' } }),
  },
  { method: 'GET', path: '/api/persons/:person/authentication_method_requests/:amr' },
  {
    method: 'PATCH',
    path: '/api/persons/:person/authentication_method_requests/:amr/actions/approve',
    body: () => ({ verification_code: 1234 }),
  },
  {
    method: 'POST',
    path: '/api/persons/:person/authentication_method_requests/:amr/actions/resend_otp',
    body: () => ({}),
  },
  { method: 'POST', path: '/api/verifications', body: () => ({ phone_number: OTP_PHONE }) },
  {
    method: 'PATCH',
    path: '/api/verifications/:phone/actions/complete',
    body: () => ({ code: 1234 }),
  },
  { method: 'GET', path: '/api/verifications/:phone' },
  { method: 'GET', path: '/api/events' },
  { method: 'PUT', path: '/api/uploads/*key' },
];

const API_STATUSES = [200, 201, 400, 401, 403, 404, 409, 413, 422, 429, 503];

const KNOWN_QUERY_KEYS = [
  'page',
  'page_size',
  'status',
  'entity_type',
  'entity_id',
  'event_type',
  'date',
  'expires',
  'signature',
  'first_name',
  'last_name',
  'second_name',
  'birth_date',
  'tax_id',
  'phone_number',
  'birth_certificate',
  'language',
  'document_type',
  'document_number',
];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/vnd.api+json',
  'application/merge-patch+json',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'image/jpeg',
  'application/octet-stream',
  'application/json; charset=utf-16',
  ';;;',
  'application/',
];

/** Path segments that are already URL-encoded text (so the client never refuses them). */
const TRICKY_SEGMENTS = [
  '%',
  '%zz',
  '%00',
  '%2e%2e',
  '..%2F..%2Fetc%2Fpasswd',
  '%c0%ae%c0%ae',
  '%F0%9F',
  'null',
  'undefined',
  '%5Bobject%20Object%5D',
  '0',
  '-1',
  '1e309',
  "'%20OR%201%3D1%20--",
  '%F0%9F%98%80',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'a'.repeat(300),
  '%2B380971234567',
  '+380971234567',
  '%20',
];

const printableLatin1 = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((c) => c !== 0x7f && (c < 0x80 || c > 0x9f))
    .map((c) => String.fromCharCode(c)),
  maxLength: 250,
});

const unicodeText = fc.string({ unit: 'grapheme', maxLength: 40 });

/** Values of the wrong kind, huge ones and unicode. */
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  unicodeText,
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1e308,
    -0,
    '',
    ' ',
    '0',
    'null',
    '2026-02-30',
    '9999-12-31',
    '0000-00-00',
    '+380000000000',
    '__proto__',
    'constructor',
    [],
    {},
    [null],
    { __proto__: { polluted: true } },
    '\u0000',
    '\ud83d\ude00',
    '\ud800',
    'a\udfffb',
    '\u2028\u2029\ufeff\u200b',
    'é'.normalize('NFD'),
    'DROP TABLE persons;',
    '<script>alert(1)</script>',
  ),
  fc.integer({ min: 1, max: 100 * 1024 }).map((n) => 'я'.repeat(Math.floor(n / 2))),
  fc.integer({ min: 1, max: 100 * 1024 }).map((n) => 'x'.repeat(n)),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 50 }),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => paths(v, [...prefix, i])));
  if (typeof value === 'object' && value !== null)
    return here.concat(...Object.entries(value).map(([k, v]) => paths(v, [...prefix, k])));
  return here;
}

/** The valid body of a route with one place changed: replaced, removed or given a new key. */
function mutate(
  body: unknown,
  pick: number,
  action: 'replace' | 'delete' | 'add',
  key: string,
  value: unknown,
): unknown {
  const copy = JSON.parse(JSON.stringify(body)) as Json;
  const all = paths(copy);
  const path = all[pick % all.length];
  if (path.length === 0) return action === 'replace' ? value : copy;
  let parent: any = copy;
  for (const segment of path.slice(0, -1)) parent = parent[segment];
  const last = path[path.length - 1];
  if (action === 'replace') parent[last] = value;
  else if (action === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target))
      target[key] = value;
    else parent[last] = { [key]: value };
  }
  return copy;
}

interface Case {
  route: Route;
  method: Method;
  segments: Record<string, string>;
  query: string;
  body: { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'jpeg'; tail: number[] };
  contentType: string | undefined;
  requestId: string | null | undefined;
  accept: string | null | undefined;
  contentEncoding: string | null | undefined;
  attack?: Attack;
}

type Attack =
  | { kind: 'deep'; depth: number; readsJson: boolean }
  | { kind: 'page'; status: number }
  | { kind: 'host'; host: string; headers: Record<string, string> }
  | { kind: 'token'; spec: TokenSpec; route: 0 | 1; id: string }
  | { kind: 'psk'; value: string | undefined; token: TokenSpec; route: 0 | 1; id: string }
  | { kind: 'anonymous'; spec: AnonymousBodySpec; upload: boolean }
  | { kind: 'idempotency'; value: string };

/** What the model of an attack expects, decided when the request goes out. */
interface Expectation {
  status?: number;
  error?: { type: string; message: string };
  absent?: string;
  notMessage?: string;
  /** `meta.idempotency_key` of the answer (undefined: absent). */
  idempotencyKey?: { key: string | undefined };
  invalidEntry?: string;
}

describe(`HTTP fuzzing (seed ${SEED}, ${RUNS} cases)`, () => {
  let t: TestApp;
  const ids = { person: [] as string[], person_request: [] as string[], amr: [] as string[] };
  const uploadUrls: string[] = [];
  const auth = `Bearer ${tokenFor(ALL_SCOPES)}`;
  const stats = {
    seed: SEED,
    runs: RUNS,
    cases: 0,
    byRoute: {} as Record<string, Record<string, number>>,
    byStatus: {} as Record<string, number>,
    rejectedChecked: 0,
    otpAttemptsOnly: 0,
    /** Sent X-Request-IDs the service kept, and those it replaced with a new id. */
    requestIds: { kept: 0, replaced: 0 },
  };

  beforeAll(async () => {
    const sms = new CapturingSmsSender();
    t = await createTestApp({
      env: { PUBLIC_URL, CUSTOM_PSK: FUZZ_PSK },
      listen: true,
      customize: (b) => b.overrideProvider(SmsSender).useValue(sms),
    });
    // The seed goes through the gateway too: every call of `seeding` carries the PSK.
    const seeding: TestApp = {
      ...t,
      http: supertest.agent(t.app.getHttpServer()).set('X-Custom-PSK', FUZZ_PSK),
    };
    const adult = await registerPerson(seeding, {
      authentication_methods: [{ type: 'OTP', phone_number: OTP_PHONE }],
    });
    const offline = await registerPerson(seeding, {
      authentication_methods: [{ type: 'OFFLINE' }],
      tax_id: null,
      no_tax_id: true,
    });
    ids.person.push(adult.id, offline.id);
    const request = await seeding.http
      .post('/api/v3/person_requests')
      .set('Authorization', auth)
      .send(v3Body())
      .expect(201);
    ids.person_request.push(request.body.data.id);
    const offlineRequest = await seeding.http
      .post('/api/v3/person_requests')
      .set('Authorization', auth)
      .send(v3Body({ person: { authentication_methods: [{ type: 'OFFLINE' }] } }))
      .expect(201);
    ids.person_request.push(offlineRequest.body.data.id);
    const v2Request = await seeding.http
      .post('/api/v2/person_requests')
      .set('Authorization', auth)
      .send(structuredClone(V2_REQUEST_EXAMPLE))
      .expect(201);
    ids.person_request.push(v2Request.body.data.id);
    for (const doc of offlineRequest.body.urgent.documents as { url: string }[])
      uploadUrls.push(doc.url);
    // An OTP method may be inserted only with a verified phone.
    await verifyPhone(seeding, sms, NEW_PHONE, { headers: { Authorization: auth } });
    const amr = await createAmr(seeding, { Authorization: auth }, offline.id, {
      action: 'insert',
      authentication_method: { type: 'OTP', phone_number: NEW_PHONE },
    }).expect(201);
    ids.amr.push(amr.body.data.id);
    const amr2 = await createAmr(seeding, { Authorization: auth }, adult.id, {
      action: 'insert',
      authentication_method: { type: 'OFFLINE' },
    }).expect(201);
    ids.amr.push(amr2.body.data.id);
    // The seed makes a dozen calls: room for a machine busy with other test files.
  }, TIMEOUT_MS);

  afterAll(async () => {
    if (process.env.FUZZ_REPORT)
      writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(stats, null, 2));
    await t?.close();
  });

  const idSegment = (kind: keyof typeof ids): fc.Arbitrary<string> =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .constant(null)
          .map(() => ids[kind])
          .chain(pickFrom),
      },
      {
        weight: 1,
        arbitrary: fc
          .constant(null)
          .map(() => ids[kind])
          .chain(pickFrom)
          .map((id) => id.toUpperCase()),
      },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: fc.constantFrom(...TRICKY_SEGMENTS) },
      { weight: 2, arbitrary: unicodeText.map(encodeURIComponent) },
    );

  function pickFrom(list: string[]): fc.Arbitrary<string> {
    return list.length > 0 ? fc.constantFrom(...list) : fc.uuid();
  }

  const phoneSegment = fc.oneof(
    fc.constantFrom(
      encodeURIComponent(OTP_PHONE),
      OTP_PHONE,
      encodeURIComponent(NEW_PHONE),
      '380971234567',
    ),
    fc.constantFrom(...TRICKY_SEGMENTS),
    unicodeText.map(encodeURIComponent),
    fc.stringMatching(/^\+380[0-9]{9}$/).map(encodeURIComponent),
  );

  const keySegment = fc.oneof(
    fc.constantFrom(...TRICKY_SEGMENTS),
    fc
      .array(fc.oneof(unicodeText.map(encodeURIComponent), fc.constantFrom('..', '.', '')), {
        maxLength: 5,
      })
      .map((parts) => parts.join('/')),
    fc.constantFrom(
      'person_requests/00000000-0000-4000-8000-000000000000/PASSPORT.jpeg',
      'authentication_method_requests%2F00000000-0000-4000-8000-000000000000%2FPASSPORT.jpeg',
    ),
  );

  const queryString = fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    {
      weight: 4,
      arbitrary: fc
        .array(
          fc.tuple(
            fc.oneof(fc.constantFrom(...KNOWN_QUERY_KEYS), unicodeText),
            fc.oneof(
              fc.constantFrom(
                '1',
                '0',
                '-1',
                '300',
                '301',
                '1.5',
                '1e3',
                'NaN',
                '',
                'NEW',
                'APPROVED',
                'x\u0000y',
                '\u0000',
              ),
              unicodeText,
              fc.uuid(),
              fc.integer({ min: 1, max: 2000 }).map((n) => 'q'.repeat(n)),
            ),
          ),
          { maxLength: 6 },
        )
        .map((pairs) =>
          pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'page[]=1',
        'page[a][b]=1',
        'page=1&page=2',
        'page_size=1&page_size=300',
        '%',
        '=&=&',
        'status[]=NEW&status[]=APPROVED',
        'entity_id=%00',
        'date=2026-02-30',
        'expires=99999999999999999999&signature=00',
        '__proto__[x]=1',
        'constructor[prototype][x]=1',
      ),
    },
  );

  function caseFor(route: Route): fc.Arbitrary<Case> {
    const segmentArbs: Record<string, fc.Arbitrary<string>> = {};
    if (route.path.includes(':person_request'))
      segmentArbs.person_request = idSegment('person_request');
    if (/:person(\/|$)/.test(route.path)) segmentArbs.person = idSegment('person');
    if (route.path.includes(':amr')) segmentArbs.amr = idSegment('amr');
    if (route.path.includes(':phone')) segmentArbs.phone = phoneSegment;
    if (route.path.includes('*key')) segmentArbs.key = keySegment;
    const valid = route.body?.() ?? {};
    const bodyText: fc.Arbitrary<Case['body']> = fc.oneof(
      { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
      // The valid body itself, so successful calls move the state on (new ids, statuses).
      { weight: 1, arbitrary: fc.constant({ kind: 'text' as const, text: JSON.stringify(valid) }) },
      {
        weight: 4,
        arbitrary: fc
          .tuple(
            fc.nat(),
            fc.constantFrom('replace' as const, 'delete' as const, 'add' as const),
            fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', ''), unicodeText),
            nastyValue,
          )
          .map(([pick, action, key, value]) => ({
            kind: 'text' as const,
            text: JSON.stringify(mutate(valid, pick, action, key, value)) ?? 'null',
          })),
      },
      {
        weight: 2,
        arbitrary: fc.jsonValue().map((v) => ({ kind: 'text' as const, text: JSON.stringify(v) })),
      },
      {
        weight: 2,
        arbitrary: fc
          .dictionary(unicodeText, nastyValue, { maxKeys: 8 })
          .map((v) => ({ kind: 'text' as const, text: JSON.stringify(v) })),
      },
      {
        weight: 1,
        arbitrary: fc
          .oneof(
            unicodeText,
            fc.constantFrom(
              '{',
              '{"a":',
              '[1,2',
              '{"a":1}}',
              'null',
              '""',
              '\u0000',
              '{"__proto__":{"x":1}}',
            ),
            fc.integer({ min: 1, max: 100 * 1024 }).map((n) => `{"a":"${'z'.repeat(n)}`),
          )
          .map((text) => ({ kind: 'text' as const, text })),
      },
    );
    return fc.record({
      route: fc.constant(route),
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant(route.method) },
        {
          weight: 1,
          arbitrary: fc.constantFrom<Method>('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
        },
      ),
      segments: fc.record(segmentArbs),
      query: queryString,
      body: bodyText,
      contentType: fc.oneof(
        { weight: 5, arbitrary: fc.constant('application/json') },
        { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ),
      requestId: fc.option(
        fc.oneof(
          printableLatin1,
          fc.uuid(),
          oddRequestId,
          fc.constantFrom('req-1', '', ' ', 'x'.repeat(201)),
        ),
      ),
      accept: fc.option(
        fc.constantFrom('application/json', 'text/html', '*/*', 'application/xml', 'image/*'),
      ),
      contentEncoding: fc.oneof(
        { weight: 12, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'bogus') },
      ),
    });
  }

  /** A real signed upload URL (of the seeded OFFLINE request), with fuzzed bodies. */
  const uploadCase: fc.Arbitrary<Case> = fc.record({
    route: fc.constant<Route>({ method: 'PUT', path: '/api/uploads/*key' }),
    method: fc.constant<Method>('PUT'),
    segments: fc.constant({}),
    query: fc.constant(''),
    body: fc.oneof(
      fc.constant({ kind: 'none' as const }),
      unicodeText.map((text) => ({ kind: 'text' as const, text })),
      fc.constant({ kind: 'text' as const, text: '\xff\xd8\xff\xe0 not really' }),
      // A real JPEG start and random bytes: the signed URL accepts it (200).
      fc
        .array(fc.integer({ min: 0, max: 255 }), { maxLength: 2048 })
        .map((tail) => ({ kind: 'jpeg' as const, tail })),
    ),
    contentType: fc.constantFrom('image/jpeg', 'application/json', 'text/plain', undefined),
    requestId: fc.constant(undefined),
    accept: fc.constant(undefined),
    contentEncoding: fc.constant(undefined),
  });

  function urlOf(c: Case): string {
    let path = c.route.path;
    for (const [name, value] of Object.entries(c.segments)) {
      path = name === 'key' ? path.replace('*key', value) : path.replace(`:${name}`, value);
    }
    return c.query === '' ? path : `${path}?${c.query}`;
  }

  /** The app's own path of a public URL: PUBLIC_URL's path is the proxy's prefix. */
  function servedPath(publicUrl: string): string {
    const url = new URL(publicUrl);
    return `${url.pathname.slice(new URL(PUBLIC_URL).pathname.length)}${url.search}`;
  }

  /** Every path parameter replaced by a well-formed value: the attack, not the URL, decides. */
  function plainPath(route: Route, id: string): string {
    return route.path
      .replace('*key', 'authentication_method_requests/a/PASSPORT.jpeg')
      .replace(':phone', encodeURIComponent(OTP_PHONE))
      .replace(/:[a-z_]+/g, id);
  }

  const baseCase = (route: Route, method: Method): Case => ({
    route,
    method,
    segments: {},
    query: '',
    body: { kind: 'none' },
    contentType: undefined,
    requestId: undefined,
    accept: undefined,
    contentEncoding: undefined,
  });

  /** A JSON body nested `depth` levels deep (around and far beyond the limit) on any route. */
  const deepCase: fc.Arbitrary<Case> = fc
    .tuple(fc.constantFrom(...ROUTES), deepSpec, fc.uuid())
    .map(([route, spec, id]) => {
      const { text, depth } = deepText(spec);
      const method = BODY_METHODS.has(route.method) ? route.method : 'POST';
      return {
        ...baseCase({ ...route, path: plainPath(route, id) }, method),
        body: { kind: 'text' as const, text },
        contentType: 'application/json',
        // The JSON body is read only by a route that takes one, once the token is accepted: the
        // upload route reads its own body after the URL's check, and POST to a path served only
        // for GET is an unknown route (404), whose body is never read.
        attack: {
          kind: 'deep' as const,
          depth,
          readsJson:
            route.path !== '/api/uploads/*key' &&
            ROUTES.some((r) => r.path === route.path && r.method === method),
        },
      };
    });

  /** page and page_size on both lists: huge, non-finite, fractional, signed, blank numbers. */
  const pageCase: fc.Arbitrary<Case> = pageSpec.map((spec) => ({
    ...baseCase({ method: 'GET', path: spec.list.path }, 'GET'),
    query: pageQuery(spec),
    attack: { kind: 'page' as const, status: pageStatus(spec) },
  }));

  /** Any route's fuzzed call with a forged Host (and forwarding headers half the time). */
  const hostCase: fc.Arbitrary<Case> = fc
    .tuple(fc.constantFrom(...ROUTES).chain(caseFor), hostSpec)
    .map(([c, spec]) => ({
      ...c,
      attack: { kind: 'host' as const, host: spec.host, headers: hostHeaders(spec) },
    }));

  /** Odd JWT headers and claims, signed with the right secret: only the rules decide. */
  const tokenCase: fc.Arbitrary<Case> = fc
    .tuple(tokenSpec, fc.constantFrom<0 | 1>(0, 1), fc.uuid())
    .map(([spec, route, id]) => {
      const target = TOKEN_ROUTES[route];
      return {
        ...baseCase({ method: target.method, path: target.path(id) }, target.method),
        attack: { kind: 'token' as const, spec, route, id },
      };
    });

  /**
   * An X-Custom-PSK value with a token that is sometimes refused too: the PSK is checked first,
   * so its refusal wins; when it passes, the token's model decides.
   */
  const pskCase: fc.Arbitrary<Case> = fc
    .tuple(pskValue, tokenSpec, fc.constantFrom<0 | 1>(0, 1), fc.uuid())
    .map(([value, token, route, id]) => {
      const target = TOKEN_ROUTES[route];
      return {
        ...baseCase({ method: target.method, path: target.path(id) }, target.method),
        attack: { kind: 'psk' as const, value, token, route, id },
      };
    });

  /**
   * A hostile body (deep, malformed, over 1 MiB, of another type, compressed) with no token or a
   * bad one, on any route: answered from the head alone (401; 403 for the upload route's bad
   * URL; 404 where the path serves no such method), never a body error.
   */
  const anonymousCase: fc.Arbitrary<Case> = fc
    .tuple(fc.constantFrom(...ROUTES), anonymousBodySpec, fc.uuid(), fc.option(oddRequestId))
    .map(([route, spec, id, requestId]) => ({
      ...baseCase(
        { ...route, path: plainPath(route, id) },
        spec.ownMethod ? route.method : 'DELETE',
      ),
      body: { kind: 'text' as const, text: spec.body.text },
      contentType: spec.body.contentType,
      contentEncoding: spec.contentEncoding,
      requestId,
      attack: { kind: 'anonymous' as const, spec, upload: route.path === '/api/uploads/*key' },
    }));

  /**
   * An X-Idempotency-Key value on a POST or PATCH route with its own body: a malformed key is
   * 422 on the header whatever else the request holds; a valid one is echoed in every answer's
   * `meta`, and a key that repeats with another body is refused, which changes nothing.
   */
  const idempotencyCase: fc.Arbitrary<Case> = fc
    .tuple(
      fc.constantFrom(...ROUTES.filter((r) => r.method === 'POST' || r.method === 'PATCH')),
      idempotencyKeyValue,
      fc.uuid(),
    )
    .map(([route, value, id]) => ({
      ...baseCase({ ...route, path: plainPath(route, id) }, route.method),
      body: { kind: 'text' as const, text: JSON.stringify(route.body?.() ?? {}) },
      contentType: 'application/json',
      attack: { kind: 'idempotency' as const, value },
    }));

  async function send(c: Case): Promise<Answer & { expectation: Expectation }> {
    const url =
      c.route.path === '/api/uploads/*key' && Object.keys(c.segments).length === 0
        ? servedPath(uploadUrls[0] ?? `${PUBLIC_URL}/api/uploads/nothing`)
        : urlOf(c);
    let authorization: string | undefined = auth;
    let psk: string | undefined = FUZZ_PSK;
    const expectation: Expectation = {};
    const attack = c.attack;
    if (attack?.kind === 'psk') {
      psk = attack.value;
      const { token, accepted } = tokenOf(attack.token, Math.floor(Date.now() / 1000));
      authorization = `Bearer ${token}`;
      const refusal = pskRefusal(attack.value);
      if (refusal !== undefined) {
        Object.assign(expectation, {
          status: 401,
          error: { type: 'access_denied', message: refusal },
        });
      } else if (accepted) expectation.status = TOKEN_ROUTES[attack.route].accepted;
      else Object.assign(expectation, { status: 401, error: INVALID_TOKEN });
    } else if (attack?.kind === 'token') {
      // Token times are read on the wall clock, as the service reads them.
      const { token, accepted } = tokenOf(attack.spec, Math.floor(Date.now() / 1000));
      authorization = `Bearer ${token}`;
      if (accepted) expectation.status = TOKEN_ROUTES[attack.route].accepted;
      else Object.assign(expectation, { status: 401, error: INVALID_TOKEN });
    } else if (attack?.kind === 'deep') {
      if (!attack.readsJson) {
        expectation.notMessage = TOO_DEEP_TEXT;
      } else if (attack.depth > MAX_DEPTH) {
        Object.assign(expectation, {
          status: 400,
          error: { type: 'request_malformed', message: TOO_DEEP_TEXT },
        });
      } else {
        expectation.notMessage = TOO_DEEP_TEXT;
      }
    } else if (attack?.kind === 'anonymous') {
      authorization = anonymousAuthorization(attack.spec);
      if (!attack.spec.ownMethod) {
        expectation.status = 404;
      } else if (attack.upload) {
        Object.assign(expectation, { status: 403, error: UPLOAD_REFUSED });
      } else {
        const error = attack.spec.authorization === 'garbage' ? INVALID_TOKEN : NO_BEARER;
        Object.assign(expectation, { status: 401, error });
      }
    } else if (attack?.kind === 'page') {
      expectation.status = attack.status;
    } else if (attack?.kind === 'host') {
      expectation.absent = attack.host;
    } else if (attack?.kind === 'idempotency') {
      const { valid, key } = idempotencyKeyModel(attack.value);
      expectation.idempotencyKey = { key: valid ? key : undefined };
      if (!valid) {
        expectation.status = 422;
        expectation.invalidEntry = '$.headers.x-idempotency-key';
      }
    }
    const verb = c.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete' | 'options';
    let req = t.http[verb](url);
    if (authorization !== undefined) req = req.set('Authorization', authorization);
    if (psk !== undefined) req = req.set('X-Custom-PSK', psk);
    if (attack?.kind === 'host') req = req.set(attack.headers);
    if (attack?.kind === 'idempotency') req = req.set('X-Idempotency-Key', attack.value);
    if (c.requestId != null) req = req.set('X-Request-ID', c.requestId);
    if (c.accept != null) req = req.set('Accept', c.accept);
    if (c.contentEncoding != null) req = req.set('Content-Encoding', c.contentEncoding);
    if (c.body.kind === 'text') {
      if (c.contentType !== undefined) req = req.set('Content-Type', c.contentType);
      req = req.send(c.body.text);
    } else if (c.body.kind === 'jpeg') {
      // A Buffer is sent as is only with a non-JSON type (supertest serialises it otherwise).
      const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...c.body.tail]);
      req = req.set('Content-Type', 'image/jpeg').send(bytes);
    }
    const res = await req;
    return {
      status: res.status,
      body: res.body,
      headers: res.headers,
      text: res.text,
      expectation,
    };
  }

  /** Failures name the case briefly: bodies can be 100 KB. */
  function shortReport(details: fc.RunDetails<[Case]>): void {
    if (!details.failed) return;
    const [c] = details.counterexample ?? [];
    const brief = c
      ? JSON.stringify({ ...c, route: `${c.route.method} ${c.route.path}`, url: urlOf(c) })
      : 'none';
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : '';
    throw new Error(
      `Fuzz case ${details.numRuns} failed (seed ${details.seed}, path ${details.counterexamplePath}):\n` +
        `${brief.slice(0, 1500)}${brief.length > 1500 ? ' …' : ''}\n${cause.slice(0, 3000)}`,
    );
  }

  const canonical = (snap: Record<string, unknown[]>, otpOnly: boolean): string =>
    JSON.stringify(
      otpOnly
        ? {
            ...snap,
            otp_verifications: snap.otp_verifications.map((row: any) => ({
              ...row,
              attempts: undefined,
              status: undefined,
              updated_at: undefined,
            })),
          }
        : snap,
    );

  interface Answer {
    status: number;
    body: any;
    headers: any;
    text: string;
  }

  /** The properties of one answer; returns the snapshot to compare the next call against. */
  function count(key: string, status: number): void {
    stats.cases += 1;
    stats.byRoute[key] ??= {};
    stats.byRoute[key][status] = (stats.byRoute[key][status] ?? 0) + 1;
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
  }

  async function verify(
    c: Case,
    res: Answer & { expectation: Expectation },
    before: Record<string, unknown[]>,
  ): Promise<Record<string, unknown[]>> {
    const routeKey = c.attack
      ? `${c.attack.kind} attack: ${c.method} ${c.route.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}`
      : `${c.method} ${c.route.path}`;
    count(routeKey, res.status);
    const where = `${routeKey} → ${urlOf(c).slice(0, 200)} ${res.status} ${res.text.slice(0, 300)}`;

    expect({ where, server_error: res.status >= 500 }).toEqual({ where, server_error: false });
    // Only the statuses of the registry's table (and 200/201).
    expect({ where, status: API_STATUSES.includes(res.status) }).toEqual({ where, status: true });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.meta).toEqual(
      expect.objectContaining({ code: res.status, request_id: expect.any(String) }),
    );
    // meta.url is built from PUBLIC_URL, whatever Host or target the request named.
    expect({ where, url: res.body.meta.url.startsWith(`${PUBLIC_URL}/`) }).toEqual({
      where,
      url: true,
    });
    const { expectation } = res;
    if (expectation.status !== undefined) {
      expect({ where, status: res.status }).toEqual({ where, status: expectation.status });
    }
    if (expectation.error !== undefined) expect(res.body.error).toEqual(expectation.error);
    if (expectation.idempotencyKey !== undefined) {
      expect({ where, key: res.body.meta.idempotency_key }).toEqual({
        where,
        key: expectation.idempotencyKey.key,
      });
    }
    if (expectation.invalidEntry !== undefined) {
      expect(res.body.error.invalid.map((e: { entry: string }) => e.entry)).toEqual([
        expectation.invalidEntry,
      ]);
    }
    if (expectation.notMessage !== undefined) {
      expect(res.body.error?.message).not.toBe(expectation.notMessage);
    }
    if (expectation.absent !== undefined) {
      expect(res.text).not.toContain(expectation.absent);
      expect(JSON.stringify(res.headers)).not.toContain(expectation.absent);
    }
    expect(res.body.meta.request_id).not.toBe('');
    expect(res.headers['x-request-id']).toBe(res.body.meta.request_id);
    // The sent X-Request-ID when acceptable (no phone in it), else a new UUID. The server reads
    // a header value without the spaces and tabs around it (HTTP's optional white space).
    const sent = c.requestId?.replace(/^[ \t]+|[ \t]+$/g, '');
    const kept = sent != null && requestIdKept(sent);
    if (sent != null) stats.requestIds[kept ? 'kept' : 'replaced'] += 1;
    expect({ where, requestId: res.body.meta.request_id }).toEqual({
      where,
      requestId: kept ? sent : expect.stringMatching(NEW_UUID),
    });

    if (res.status < 400) {
      expect(res.body).toHaveProperty('data');
      const id = res.body.data?.id;
      if (typeof id === 'string' && res.status === 201) {
        if (c.route.path === '/api/persons') ids.person.push(id);
        if (c.route.path.endsWith('/person_requests')) ids.person_request.push(id);
        if (c.route.path.endsWith('/authentication_method_requests')) ids.amr.push(id);
      }
      return snapshot(t.pool);
    }
    expect(res.body.error).toEqual(
      expect.objectContaining({ type: expect.any(String), message: expect.any(String) }),
    );
    expect(res.body.data).toBeUndefined();
    expect(res.text).not.toMatch(/at \S+ \(|QueryFailedError|TypeORM|SELECT |node_modules/);
    const after = await snapshot(t.pool);
    // A rejected OTP code counts an attempt (docs/domain-rules.md, OTP verification): only those columns may move.
    const otpRejection = res.body.error.type === 'forbidden';
    if (otpRejection) stats.otpAttemptsOnly += 1;
    expect(canonical(after, otpRejection)).toBe(canonical(before, otpRejection));
    stats.rejectedChecked += 1;
    return after;
  }

  /** fast-check's assert, named so the lint rule sees an assertion. */
  const check = fc.assert;

  it(
    'never answers 5xx, always answers the envelope, and a rejected call changes nothing',
    async () => {
      let before = await snapshot(t.pool);
      // About seven cases in ten are the routes' own, three in ten attacks with a model.
      const anyCase = fc.oneof(
        { weight: ROUTES.length * 10, arbitrary: fc.constantFrom(...ROUTES).chain(caseFor) },
        { weight: 3, arbitrary: uploadCase },
        { weight: 15, arbitrary: deepCase },
        { weight: 15, arbitrary: pageCase },
        { weight: 15, arbitrary: hostCase },
        { weight: 30, arbitrary: tokenCase },
        { weight: 10, arbitrary: pskCase },
        { weight: 15, arbitrary: anonymousCase },
        { weight: 15, arbitrary: idempotencyCase },
      );
      await check(
        fc.asyncProperty(anyCase, async (c) => {
          before = await verify(c, await send(c), before);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true, reporter: shortReport },
      );
      expect(stats.cases).toBe(RUNS);
    },
    TIMEOUT_MS,
  );

  /** The properties of an answer to a raw request head (any size, a forged Host). */
  function verifyHead(spec: HugeHeadSpec, size: number, res: RawAnswer): void {
    const KiB = 1024;
    count('huge head (raw socket): GET', res.status);
    const where = `${spec.path} head of ${size} bytes → ${res.status} ${res.body.slice(0, 300)}`;
    expect({ where, server_error: res.status >= 500 }).toEqual({ where, server_error: false });
    // Node's limit is 16 KiB of head; well past it 431, well under it never.
    if (size > 17 * KiB) expect({ where, status: res.status }).toEqual({ where, status: 431 });
    if (size < 15 * KiB) expect({ where, status: res.status }).not.toEqual({ where, status: 431 });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(res.body) as { meta: Record<string, unknown>; error?: unknown };
    expect(body.meta).toEqual(
      expect.objectContaining({ code: res.status, request_id: res.headers['x-request-id'] }),
    );
    expect(String(body.meta.url).startsWith(`${PUBLIC_URL}/`)).toBe(true);
    if (res.status === 431) {
      expect(body.error).toEqual({
        type: 'request_too_large',
        message: 'Request headers are too large',
      });
    }
    expect(res.head).not.toContain(spec.forgedHost);
    expect(res.body).not.toContain(spec.forgedHost);
  }

  it(
    'answers request heads of any size in the envelope: 431 past the limit, never a bare answer',
    async () => {
      await check(
        fc.asyncProperty(hugeHeadSpec, async (spec) => {
          const request = hugeHeadRequest(spec);
          verifyHead(spec, request.length, await rawRequest(t.app, request));
        }),
        { numRuns: HEAD_RUNS, seed: SEED, endOnFailure: true },
      );
      expect(stats.byRoute['huge head (raw socket): GET']).toBeDefined();
    },
    TIMEOUT_MS,
  );
});
