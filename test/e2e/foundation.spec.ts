import jwt from 'jsonwebtoken';
import { registerPerson } from '../support/persons.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_JWT_SECRET, tokenFor } from '../support/tokens.js';

describe('foundation: envelope, errors, auth, persons', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { API_KEYS: 'key-one,key-two' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const bearer = (scopes: string | string[]): string => `Bearer ${tokenFor(scopes)}`;

  describe('service endpoints', () => {
    it('answers liveness and readiness', async () => {
      await t.http.get('/health/live').expect(200);
      const ready = await t.http.get('/health/ready').expect(200);
      expect(ready.body.data).toEqual({ status: 'ok' });
    });

    it('serves the OpenAPI document with bearer auth', async () => {
      const doc = await t.http.get('/api/docs-json').expect(200);
      expect(doc.body.openapi).toMatch(/^3\./);
      expect(doc.body.components.securitySchemes.bearer).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
      expect(doc.body.paths['/api/persons/{id}']).toBeDefined();
    });
  });

  describe('envelope', () => {
    it('answers an unknown route with a 404 envelope', async () => {
      const res = await t.http.get('/api/nothing-here').expect(404);
      expect(res.body).toEqual({
        meta: {
          code: 404,
          url: `${t.config.publicUrl}/api/nothing-here`,
          type: 'object',
          request_id: expect.any(String),
        },
        error: { type: 'not_found', message: 'Cannot GET /api/nothing-here' },
      });
    });

    it('builds meta.url from PUBLIC_URL, never from a forged Host header', async () => {
      for (const path of ['/health/live', '/api/nothing-here', '/api/persons/not-a-uuid']) {
        const res = await t.http
          .get(path)
          .set('Host', 'evil.example.com')
          .set('X-Forwarded-Host', 'evil.example.com')
          .set('X-Forwarded-Proto', 'https')
          .set('Authorization', bearer('person:read'))
          .set('api-key', 'key-one');
        expect(res.body.meta.url).toBe(`${t.config.publicUrl}${path}`);
        expect(JSON.stringify(res.headers)).not.toContain('evil.example.com');
        expect(res.text).not.toContain('evil.example.com');
      }
    });

    it('echoes a sane X-Request-ID and replaces an insane one', async () => {
      const sane = await t.http.get('/health/live').set('X-Request-ID', 'req-adasdoijasdojsda');
      expect(sane.headers['x-request-id']).toBe('req-adasdoijasdojsda');
      expect(sane.body.meta.request_id).toBe('req-adasdoijasdojsda');
      const insane = await t.http.get('/health/live').set('X-Request-ID', 'x'.repeat(201));
      expect(insane.body.meta.request_id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers malformed JSON with 400 request_malformed and a request id', async () => {
      const res = await t.http
        .post('/api/persons')
        .set('Authorization', bearer('person:write'))
        .set('api-key', 'key-one')
        .set('Content-Type', 'application/json')
        .send('{"first_name": ')
        .expect(400);
      expect(res.body.error).toEqual({
        type: 'request_malformed',
        message: 'Malformed JSON in request body',
      });
      expect(res.body.meta.request_id).toBe(res.headers['x-request-id']);
    });

    it('answers a body of the wrong content type with 400', async () => {
      const res = await t.http
        .post('/api/persons')
        .set('Authorization', bearer('person:write'))
        .set('api-key', 'key-one')
        .set('Content-Type', 'text/plain')
        .send('hello')
        .expect(400);
      expect(res.body.error.type).toBe('request_malformed');
    });

    it('answers a 2 MiB body with 413 request_too_large', async () => {
      const res = await t.http
        .post('/api/persons')
        .set('Authorization', bearer('person:write'))
        .set('api-key', 'key-one')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ first_name: 'x'.repeat(2 * 1024 * 1024) }))
        .expect(413);
      expect(res.body.error.type).toBe('request_too_large');
    });

    it('answers an invalid body with 422 naming each JSON path', async () => {
      const res = await t.http
        .post('/api/persons')
        .set('Authorization', bearer('person:write'))
        .set('api-key', 'key-one')
        .send({
          first_name: 'A',
          last_name: 'B',
          birth_date: '1990-02-30',
          gender: 'MALE',
          no_tax_id: true,
          documents: [],
          authentication_methods: [{ type: 'OTP', phone_number: '0971234567' }],
          surprise: true,
        })
        .expect(422);
      expect(res.body.error.type).toBe('validation_failed');
      const entries = (res.body.error.invalid as { entry: string; entry_type: string }[]).map(
        (e) => e.entry,
      );
      expect(entries).toEqual(
        expect.arrayContaining([
          '$.birth_date',
          '$.authentication_methods[0].phone_number',
          '$.surprise',
        ]),
      );
      expect(res.body.error.invalid[0].entry_type).toBe('json_data_property');
    });
  });

  describe('authentication', () => {
    const get = (headers: Record<string, string>) => {
      const req = t.http.get('/api/persons/0d0b5bd1-3f7c-4ab5-a0a5-6f1f3f4f0c55');
      for (const [k, v] of Object.entries(headers)) req.set(k, v);
      return req;
    };
    const key = { 'api-key': 'key-one' };

    it.each<[string, Record<string, string>, number, string]>([
      [
        'no Authorization header',
        { ...key },
        401,
        "Authorization header is not set or doesn't contain Bearer token",
      ],
      [
        'a Basic header',
        { ...key, Authorization: 'Basic dXNlcjpwYXNz' },
        401,
        "Authorization header is not set or doesn't contain Bearer token",
      ],
      [
        'a token signed with another key',
        {
          ...key,
          Authorization: `Bearer ${jwt.sign({ scope: 'person:read' }, 'another-secret-another-secret-another', { expiresIn: 60 })}`,
        },
        401,
        'Invalid access token',
      ],
      [
        'an expired token',
        { ...key, Authorization: `Bearer ${tokenFor('person:read', { expiresIn: -10 })}` },
        401,
        'Invalid access token',
      ],
      [
        'a token without exp',
        { ...key, Authorization: `Bearer ${jwt.sign({ scope: 'person:read' }, TEST_JWT_SECRET)}` },
        401,
        'Invalid access token',
      ],
      [
        'a token with alg none',
        {
          ...key,
          Authorization: `Bearer ${jwt.sign({ scope: 'person:read', exp: 9999999999 }, '', { algorithm: 'none' })}`,
        },
        401,
        'Invalid access token',
      ],
      [
        'an HS512 token',
        {
          ...key,
          Authorization: `Bearer ${jwt.sign({ scope: 'person:read' }, TEST_JWT_SECRET, { algorithm: 'HS512', expiresIn: 60 })}`,
        },
        401,
        'Invalid access token',
      ],
      [
        'garbage after Bearer',
        { ...key, Authorization: 'Bearer not-a-jwt' },
        401,
        'Invalid access token',
      ],
      [
        'no api key',
        { Authorization: `Bearer ${tokenFor('person:read')}` },
        401,
        'Api key is not set',
      ],
      [
        'a wrong api key',
        { 'api-key': 'nope', Authorization: `Bearer ${tokenFor('person:read')}` },
        401,
        'Invalid api key',
      ],
      [
        'a token without the scope',
        { ...key, Authorization: `Bearer ${tokenFor('person:write person_request:read')}` },
        403,
        'Your scope does not allow to access this resource. Missing allowances: person:read',
      ],
      [
        'a look-alike scope',
        { ...key, Authorization: `Bearer ${tokenFor('person:read2')}` },
        403,
        'Your scope does not allow to access this resource. Missing allowances: person:read',
      ],
    ])('refuses %s', async (_name, headers, status, message) => {
      const res = await get(headers).expect(status);
      expect(res.body.error).toEqual({
        type: status === 401 ? 'access_denied' : 'forbidden',
        message,
      });
      expect(res.body.meta.code).toBe(status);
    });
  });

  describe('persons', () => {
    const auth = (scopes: string) => ({ Authorization: bearer(scopes), 'api-key': 'key-two' });

    it('registers a person and reads it back with methods and verification', async () => {
      const created = await t.http
        .post('/api/persons')
        .set(auth('person:write'))
        .send({
          first_name: 'Олена',
          last_name: 'Петренко',
          second_name: 'Іванівна',
          birth_date: '1972-10-26',
          gender: 'MALE',
          tax_id: '2659719350',
          no_tax_id: false,
          documents: [{ type: 'PASSPORT', number: 'АА123456', issued_at: '2010-01-01' }],
          authentication_methods: [{ type: 'OTP', phone_number: '+380971234567', alias: 'mine' }],
        })
        .expect(201);
      const person = created.body.data;
      expect(created.body.meta).toMatchObject({ code: 201, type: 'object' });
      expect(person).toMatchObject({
        id: expect.any(String),
        first_name: 'Олена',
        status: 'active',
        verification_status: 'VERIFICATION_NEEDED',
        documents: [
          { type: 'PASSPORT', number: 'АА123456', issued_at: '2010-01-01', expiration_date: null },
        ],
      });
      expect(person.authentication_methods[0]).toMatchObject({
        type: 'OTP',
        phone_number: '+380971234567',
        ended_at: null,
      });

      const read = await t.http
        .get(`/api/persons/${person.id}`)
        .set(auth('person:read'))
        .expect(200);
      expect(read.body.data).toEqual(person);
      const methods = await t.http
        .get(`/api/persons/${person.id}/authentication_methods`)
        .set(auth('person:read'))
        .expect(200);
      expect(methods.body.meta.type).toBe('list');
      const [method] = person.authentication_methods;
      // As the registry answers the list: the phone masked, who wrote the method and when.
      expect(methods.body.data).toEqual([
        {
          ...method,
          phone_number: '+38097*****67',
          is_active: true,
          person_id: person.id,
          inserted_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          inserted_by: expect.stringMatching(/^[0-9a-f-]{36}$/),
          updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          updated_by: expect.stringMatching(/^[0-9a-f-]{36}$/),
        },
      ]);
      const verification = await t.http
        .get(`/api/persons/${person.id}/verification`)
        .set(auth('person:read'))
        .expect(200);
      const notVerified = { verification_status: 'NOT_VERIFIED', verification_reason: 'AUTO' };
      expect(verification.body.data).toEqual({
        verification_status: 'VERIFICATION_NEEDED',
        verification_reason: 'INITIAL',
        verification_comment: null,
        details: {
          drfo: notVerified,
          dracs_death: notVerified,
          dracs_birth: notVerified,
          dracs_name_change: notVerified,
          legal_capacity: notVerified,
          mvs_passport: notVerified,
          dms_passport: notVerified,
          nhs: notVerified,
          unzr: notVerified,
        },
      });
    });

    it('answers 404 for an unknown id and for an id that is not a UUID', async () => {
      for (const id of ['0d0b5bd1-3f7c-4ab5-a0a5-6f1f3f4f0c55', 'not-a-uuid', '1']) {
        const res = await t.http.get(`/api/persons/${id}`).set(auth('person:read')).expect(404);
        expect(res.body.error).toEqual({ type: 'not_found', message: "Such person doesn't exist" });
      }
    });

    it('answers 403 for the methods of an unknown person, as the registry does', async () => {
      for (const id of ['0d0b5bd1-3f7c-4ab5-a0a5-6f1f3f4f0c55', 'not-a-uuid']) {
        const res = await t.http
          .get(`/api/persons/${id}/authentication_methods`)
          .set(auth('person:read'))
          .expect(403);
        expect(res.body.error).toEqual({ type: 'forbidden', message: 'Such person not found' });
      }
    });

    it('refuses a THIRD_PERSON pointing at nobody', async () => {
      const res = await t.http
        .post('/api/persons')
        .set(auth('person:write'))
        .send({
          first_name: 'A',
          last_name: 'B',
          birth_date: '2015-01-01',
          gender: 'FEMALE',
          no_tax_id: true,
          documents: [],
          authentication_methods: [
            { type: 'THIRD_PERSON', value: '0d0b5bd1-3f7c-4ab5-a0a5-6f1f3f4f0c55', alias: 'Mum' },
          ],
        })
        .expect(422);
      expect(res.body.error.invalid[0]).toMatchObject({
        entry: '$.authentication_methods[0].value',
        rules: [{ description: "such person doesn't exist" }],
      });
    });

    it('hides a THIRD_PERSON whose third person has no active method', async () => {
      const guardian = await registerPerson(t, { authentication_methods: [] });
      const child = await registerPerson(t, {
        birth_date: '2015-01-01',
        no_tax_id: true,
        tax_id: null,
        authentication_methods: [{ type: 'THIRD_PERSON', value: guardian.id, alias: 'Guardian' }],
      });
      const res = await t.http
        .get(`/api/persons/${child.id}/authentication_methods`)
        .set(auth('person:read'))
        .expect(200);
      expect(res.body.data).toEqual([]);
    });
  });
});
