import { snapshot } from '../support/database.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { v3Body } from '../support/v3.js';

/** Security headers, CORS and the JSON body limit (issue 7, api.md §1). */
const MIS = 'https://mis.example.org';
const FOREIGN = 'https://evil.example.com';
const MiB = 1024 * 1024;

describe('HTTP hardening', () => {
  describe('default configuration (no CORS_ORIGINS)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it.each(['/health/live', '/api/nothing-here', '/api/v3/person_requests'])(
      'sends the helmet headers and no x-powered-by on %s',
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
