import { randomUUID } from 'node:crypto';
import { snapshot } from '../support/database.js';
import { createTestApp, rawRequest, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { v3Body } from '../support/v3.js';

/**
 * Security headers, CORS, request limits and hostile input at the HTTP edge: what is refused
 * before any route runs (bodies only once the token was accepted: body-after-auth.spec.ts).
 */
const MIS = 'https://mis.example.org';
const FOREIGN = 'https://evil.example.com';
const PUBLIC_URL = 'https://ehealth.example.gov.ua/registry';
const MiB = 1024 * 1024;

/** `depth` nested arrays around a number: `[[[1]]]` is 3 deep. */
const nested = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('HTTP hardening', () => {
  describe('default configuration (no CORS_ORIGINS)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { PUBLIC_URL }, listen: true });
    });
    afterAll(async () => {
      await t.close();
    });

    it.each(['/health/live', '/api/nothing-here', '/api/v3/person_requests'])(
      'sends the security headers (Nest useSecurityHeaders defaults) and no x-powered-by on %s',
      async (path) => {
        const res = await t.http.get(path);
        expect(res.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'SAMEORIGIN',
          'x-dns-prefetch-control': 'off',
          'x-download-options': 'noopen',
          'x-permitted-cross-domain-policies': 'none',
          'referrer-policy': 'no-referrer',
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-resource-policy': 'same-origin',
          'origin-agent-cluster': '?1',
        });
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
        expect(res.headers).not.toHaveProperty('x-powered-by');
        expect(res.headers['x-request-id']).toBe(res.body.meta.request_id);
      },
    );

    it('keeps CORS closed: no access-control-allow-origin for a foreign origin', async () => {
      const res = await t.http
        .get('/api/v3/person_requests')
        .set('Origin', FOREIGN)
        .set('Authorization', `Bearer ${tokenFor('person_request:read')}`)
        .expect(200);
      expect(res.headers).not.toHaveProperty('access-control-allow-origin');
      expect(res.headers).not.toHaveProperty('access-control-allow-credentials');
      const preflight = await t.http
        .options('/api/v3/person_requests')
        .set('Origin', FOREIGN)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');
      expect(preflight.headers).not.toHaveProperty('access-control-allow-origin');
      expect(preflight.headers).not.toHaveProperty('access-control-allow-methods');
      expect(preflight.status).toBe(404);
      expect(preflight.body.error.type).toBe('not_found');
    });

    it.each([
      [
        'an unsupported charset',
        { 'Content-Type': 'application/json; charset=latin1' },
        'Unsupported charset in Content-Type',
      ],
      [
        'an unsupported Content-Encoding',
        { 'Content-Type': 'application/json', 'Content-Encoding': 'bogus' },
        'Unsupported Content-Encoding',
      ],
    ])(
      'answers a body in %s with 400 request_malformed (found by fuzzing: was 415)',
      async (_name, headers, message) => {
        const res = await t.http
          .post('/api/persons')
          .set('Authorization', `Bearer ${tokenFor('person:write')}`)
          .set(headers)
          .send('{}')
          .expect(400);
        expect(res.body.error).toEqual({ type: 'request_malformed', message });
      },
    );

    it('refuses a NUL character in a body string or key with 422 naming each place (found by fuzzing: was 500)', async () => {
      const before = await snapshot(t.pool);
      const res = await t.http
        .post('/api/persons')
        .set('Authorization', `Bearer ${tokenFor('person:write')}`)
        .send({
          first_name: 'Олена',
          last_name: 'Петренко\u0000',
          birth_date: '1972-10-26',
          gender: 'MALE',
          no_tax_id: true,
          documents: [{ type: 'PASSPORT', number: 'АА\u0000123456' }],
          authentication_methods: [],
          'key\u0000': 1,
        })
        .expect(422);
      expect(res.body.error).toEqual({
        type: 'validation_failed',
        message: 'Validation failed',
        invalid: ['$.last_name', '$.documents[0].number', '$.key\\u0000'].map((entry) => ({
          entry_type: 'json_data_property',
          entry,
          rules: [
            {
              rule: 'format',
              description: 'must not contain the NUL character (\\u0000)',
              params: [],
            },
          ],
        })),
      });
      expect(await snapshot(t.pool)).toEqual(before);
    });

    it.each([
      ['/api/events?entity_type=%00', 'event:read', '$.entity_type'],
      ['/api/v3/person_requests?status=NEW%00', 'person_request:read', '$.status'],
    ])('refuses a NUL character in the query %s with 422', async (path, scope, entry) => {
      const res = await t.http
        .get(path)
        .set('Authorization', `Bearer ${tokenFor(scope)}`)
        .expect(422);
      expect(res.body.error.invalid).toEqual([expect.objectContaining({ entry })]);
    });

    it('stores a v3 person request whose free-form fields hold other control characters', async () => {
      const res = await t.http
        .post('/api/v3/person_requests')
        .set('Authorization', `Bearer ${tokenFor('person_request:write')}`)
        .send(v3Body({ person: { forgotten_by_the_schema: { text: '\u0001\u001f\u007f\u2028' } } }))
        .expect(201);
      expect(res.body.data.person.forgotten_by_the_schema).toEqual({
        text: '\u0001\u001f\u007f\u2028',
      });
    });

    describe('JSON nesting (64 levels), checked after the token and without recursion', () => {
      const WRITE = { Authorization: `Bearer ${tokenFor('person:write')}` };
      const post = (body: string, headers: Record<string, string> = {}) =>
        t.http.post('/api/persons').set('Content-Type', 'application/json').set(headers).send(body);
      const TOO_DEEP = {
        type: 'request_malformed',
        message: 'JSON is nested deeper than 64 levels',
      };

      it.each([65, 100, 100_000])(
        'refuses %i levels with a token with 400 request_malformed',
        async (depth) => {
          const res = await post(nested(depth), WRITE).expect(400);
          expect(res.body.error).toEqual(TOO_DEEP);
          expect(res.body.meta).toEqual({
            code: 400,
            url: `${PUBLIC_URL}/api/persons`,
            type: 'object',
            request_id: res.headers['x-request-id'],
          });
        },
      );

      it.each([65, 100_000])(
        'answers %i levels without a token with 401: the body is not read before the token',
        async (depth) => {
          const res = await post(nested(depth)).expect(401);
          expect(res.body.error.type).toBe('access_denied');
        },
      );

      it('refuses 100,000 levels of objects inside a valid body, with a token', async () => {
        const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
        const res = await post(`{"first_name":"A","documents":${deep}}`, WRITE).expect(400);
        expect(res.body.error).toEqual(TOO_DEEP);
      });

      it('reads 64 levels (the body is validated next: 422)', async () => {
        const res = await post(nested(64), WRITE).expect(422);
        expect(res.body.error.type).toBe('validation_failed');
      });

      it('does not count brackets inside strings, escaped quotes included', async () => {
        const text = JSON.stringify({ first_name: `\\"${'['.repeat(100_000)}` });
        expect(text.startsWith('{"first_name":"\\\\\\"[[[')).toBe(true);
        const res = await post(text, WRITE).expect(422);
        expect(res.body.error.type).toBe('validation_failed');
      });

      it('answers 100,000 levels with a token on every route; an unknown route is a 404 unread', async () => {
        const token = `Bearer ${tokenFor(['person_request:write', 'person_request:read'])}`;
        for (const [path, status] of [
          ['/api/v3/person_requests', 400],
          [`/api/person_requests/${randomUUID()}/actions/resend_otp`, 400],
          ['/api/nothing-here', 404],
          ['/api/uploads/a/b/PASSPORT.jpeg', 404],
        ] as const) {
          const res = await t.http
            .post(path)
            .set('Authorization', token)
            .set('Content-Type', 'application/json')
            .send(nested(100_000));
          expect({ path, status: res.status }).toEqual({ path, status });
          expect(res.body.error.type).toBe(status === 400 ? 'request_malformed' : 'not_found');
        }
      });
    });

    describe('forged Host and request targets', () => {
      it.each([
        ['a forged Host', 'GET /api/nothing-here HTTP/1.1\r\nHost: evil.example.com\r\n'],
        [
          'an absolute-form target naming another host',
          'GET http://evil.example.com/api/nothing-here HTTP/1.1\r\nHost: evil.example.com\r\n',
        ],
        [
          'forwarding headers',
          'GET /api/nothing-here HTTP/1.1\r\nHost: evil.example.com\r\n' +
            'X-Forwarded-Host: evil.example.com\r\nX-Forwarded-Proto: https\r\n' +
            'Forwarded: host=evil.example.com;proto=https\r\n',
        ],
      ])('never echoes %s: meta.url comes from PUBLIC_URL', async (_name, head) => {
        const res = await rawRequest(t.app, `${head}Connection: close\r\n\r\n`);
        expect(res.status).toBe(404);
        expect(JSON.parse(res.body).meta.url).toBe(`${PUBLIC_URL}/api/nothing-here`);
        expect(res.head).not.toContain('evil.example.com');
        expect(res.body).not.toContain('evil.example.com');
      });

      it('answers a path with broken percent-encoding with 400 in the envelope', async () => {
        const res = await t.http
          .get('/api/persons/%zz')
          .set('Host', 'evil.example.com')
          .expect(400);
        expect(res.body).toEqual({
          meta: {
            code: 400,
            url: `${PUBLIC_URL}/api/persons/%zz`,
            type: 'object',
            request_id: res.headers['x-request-id'],
          },
          error: { type: 'request_malformed', message: 'Malformed request' },
        });
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      });
    });

    describe('request headers over the limit', () => {
      it('answers a 200 KB header with 431 request_too_large in the envelope, then closes', async () => {
        const res = await rawRequest(
          t.app,
          `GET /api/v3/person_requests?page=1 HTTP/1.1\r\nHost: evil.example.com\r\n` +
            `X-Padding: ${'a'.repeat(200 * 1024)}\r\n\r\n`,
        );
        expect(res.status).toBe(431);
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(res.headers.connection).toBe('close');
        const body = JSON.parse(res.body);
        expect(body).toEqual({
          meta: {
            code: 431,
            url: `${PUBLIC_URL}/api/v3/person_requests`,
            type: 'object',
            request_id: res.headers['x-request-id'],
          },
          error: { type: 'request_too_large', message: 'Request headers are too large' },
        });
        expect(body.meta.request_id).toMatch(/^[0-9a-f-]{36}$/);
        expect(res.head).not.toContain('evil.example.com');
      });

      it('answers a request line Node cannot parse with 400 in the envelope', async () => {
        const res = await rawRequest(t.app, 'BREW /coffee HTTP/1.1\r\nHost: a\r\n\r\n');
        expect(res.status).toBe(400);
        expect(JSON.parse(res.body)).toEqual({
          meta: expect.objectContaining({ code: 400, url: `${PUBLIC_URL}/coffee` }),
          error: { type: 'request_malformed', message: 'Malformed HTTP request' },
        });
      });

      it('keeps serving after refusing oversized heads', async () => {
        await t.http.get('/health/live').expect(200);
      });
    });

    describe('page and page_size: safe integers only (were 500: bigint out of range, Infinity in SQL)', () => {
      const LISTS = [
        ['/api/v3/person_requests', 'person_request:read'],
        ['/api/events', 'event:read'],
      ] as const;
      const list = (path: string, scope: string, query: string) =>
        t.http.get(`${path}?${query}`).set('Authorization', `Bearer ${tokenFor(scope)}`);

      describe.each(LISTS)('%s', (path, scope) => {
        it.each([
          '1e308',
          '99999999999999999999999',
          '9007199254740992',
          'Infinity',
          '-Infinity',
          'NaN',
          '1.5',
          '1e3',
          '0x10',
          '-1',
          '0',
          '',
          ' 1',
          '+1',
        ])('refuses page=%j and page_size=%j with 422 naming both', async (value) => {
          const query = `page=${encodeURIComponent(value)}&page_size=${encodeURIComponent(value)}`;
          const res = await list(path, scope, query).expect(422);
          expect(res.body.error.type).toBe('validation_failed');
          const entries = res.body.error.invalid.map((i: { entry: string }) => i.entry);
          expect(entries.sort()).toEqual(['$.page', '$.page_size']);
        });

        it('refuses a repeated page with 422', async () => {
          await list(path, scope, 'page=1&page=2').expect(422);
        });

        it('refuses page_size 301 and reads 300', async () => {
          await list(path, scope, 'page_size=301').expect(422);
          await list(path, scope, 'page_size=300').expect(200);
        });

        it('answers the largest safe page with an empty list, not a database error', async () => {
          const res = await list(
            path,
            scope,
            `page=${Number.MAX_SAFE_INTEGER}&page_size=300`,
          ).expect(200);
          expect(res.body.data).toEqual([]);
          expect(res.body.paging).toMatchObject({
            page_number: Number.MAX_SAFE_INTEGER,
            page_size: 300,
          });
        });
      });
    });

    it('takes a JSON content type with an empty body as no body', async () => {
      const res = await t.http
        .post(`/api/person_requests/${randomUUID()}/actions/resend_otp`)
        .set('Authorization', `Bearer ${tokenFor('person_request:write')}`)
        .set('Content-Type', 'application/json')
        .expect(404);
      expect(res.body.error.type).toBe('not_found');
    });

    describe('JSON body limit (1 MiB)', () => {
      const auth = { Authorization: `Bearer ${tokenFor('person:write')}` };
      /** `{"first_name":"xxx…"}` of exactly `size` bytes. */
      const bodyOf = (size: number): string => {
        const frame = '{"first_name":""}';
        return `{"first_name":"${'x'.repeat(size - frame.length)}"}`;
      };

      it('reads a body of exactly 1 MiB (and validates it: 422)', async () => {
        const body = bodyOf(MiB);
        expect(Buffer.byteLength(body)).toBe(MiB);
        const res = await t.http
          .post('/api/persons')
          .set(auth)
          .set('Content-Type', 'application/json')
          .send(body)
          .expect(422);
        expect(res.body.error.type).toBe('validation_failed');
      });

      it('refuses one byte more with 413 request_too_large and the envelope', async () => {
        const body = bodyOf(MiB + 1);
        expect(Buffer.byteLength(body)).toBe(MiB + 1);
        const res = await t.http
          .post('/api/persons')
          .set(auth)
          .set('Content-Type', 'application/json')
          .send(body)
          .expect(413);
        expect(res.body).toEqual({
          meta: expect.objectContaining({ code: 413, request_id: expect.any(String) }),
          error: { type: 'request_too_large', message: 'Request body is too large' },
        });
      });

      it('counts bytes, not characters (multi-byte UTF-8 over the limit)', async () => {
        const frame = '{"first_name":""}';
        const body = `{"first_name":"${'я'.repeat((MiB - frame.length) / 2 + 1)}"}`;
        expect(body.length).toBeLessThan(MiB);
        expect(Buffer.byteLength(body)).toBeGreaterThan(MiB);
        const res = await t.http
          .post('/api/persons')
          .set(auth)
          .set('Content-Type', 'application/json; charset=utf-8')
          .send(body)
          .expect(413);
        expect(res.body.error.type).toBe('request_too_large');
      });
    });
  });

  describe('with CORS_ORIGINS configured', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { CORS_ORIGINS: `${MIS}, https://other-mis.example.org` } });
    });
    afterAll(async () => {
      await t.close();
    });

    it('opens CORS to a configured origin and exposes x-request-id and retry-after', async () => {
      const res = await t.http
        .get('/api/v3/person_requests')
        .set('Origin', MIS)
        .set('Authorization', `Bearer ${tokenFor('person_request:read')}`)
        .expect(200);
      expect(res.headers['access-control-allow-origin']).toBe(MIS);
      expect(res.headers['access-control-expose-headers']).toMatch(/x-request-id/);
      expect(res.headers['access-control-expose-headers']).toMatch(/retry-after/);
      expect(res.headers.vary).toMatch(/Origin/);
    });

    it('answers a preflight from a configured origin', async () => {
      const res = await t.http
        .options('/api/v3/person_requests')
        .set('Origin', MIS)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(MIS);
      expect(res.headers['access-control-allow-methods']).toMatch(/POST/);
    });

    it('still refuses an origin that is not listed (nor a look-alike of one)', async () => {
      for (const origin of [FOREIGN, `${MIS}.evil.com`, 'http://mis.example.org', 'null']) {
        const res = await t.http.get('/health/live').set('Origin', origin).expect(200);
        expect(res.headers).not.toHaveProperty('access-control-allow-origin');
      }
    });
  });
});
