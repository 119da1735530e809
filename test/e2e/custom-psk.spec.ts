import { snapshot } from '../support/database.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { putJpeg } from '../support/uploads.js';
import { v3Body } from '../support/v3.js';

/**
 * The registry's gateway header `X-Custom-PSK` (docs/api.md, Authentication): with CUSTOM_PSK set
 * it is required on every API route and checked first, before the api key and the token; never
 * on uploads, health, docs or metrics. Without CUSTOM_PSK the header is ignored.
 */
const PSK = 'gateway-psk-0123456789abcdef';
const API_KEY = 'mis-api-key-1';
const NOT_SET = { type: 'access_denied', message: 'X-Custom-PSK header is not set' };
const INVALID_PSK = { type: 'access_denied', message: 'Invalid PSK' };
const SCOPES = ['person_request:read', 'person_request:write'];
const bearer = `Bearer ${tokenFor(SCOPES)}`;

describe('X-Custom-PSK with CUSTOM_PSK set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { CUSTOM_PSK: PSK, API_KEYS: API_KEY } });
  });
  afterAll(async () => {
    await t.close();
  });

  const list = () => t.http.get('/api/v3/person_requests');

  it('lets a call with the right PSK, api key and token through', async () => {
    await list()
      .set('X-Custom-PSK', PSK)
      .set('api-key', API_KEY)
      .set('Authorization', bearer)
      .expect(200);
  });

  it.each<[string, Record<string, string>]>([
    ['with everything else right', { 'api-key': API_KEY, Authorization: bearer }],
    ['before the api key and the token', {}],
    ['before a bad token', { Authorization: 'Bearer x.y.z', 'api-key': 'wrong' }],
    ['when the header is empty', { 'X-Custom-PSK': '', Authorization: bearer, 'api-key': API_KEY }],
  ])('answers 401 "X-Custom-PSK header is not set" without it, %s', async (_name, headers) => {
    const res = await list().set(headers).expect(401);
    expect(res.body.error).toEqual(NOT_SET);
  });

  it.each<[string, string]>([
    ['another value', 'not-the-psk'],
    ['the PSK with one character changed', `${PSK.slice(0, -1)}X`],
    ['a prefix of the PSK', PSK.slice(0, 10)],
    ['the PSK with more after it', `${PSK}0`],
    ['the PSK in upper case', PSK.toUpperCase()],
    ['a very long value', 'p'.repeat(4000)],
  ])('answers 401 "Invalid PSK" for %s, before the api key and the token', async (_n, value) => {
    const res = await list().set('X-Custom-PSK', value).expect(401);
    expect(res.body.error).toEqual(INVALID_PSK);
  });

  it('checks it on writes too, and a refused write stores nothing', async () => {
    const before = await snapshot(t.pool);
    const res = await t.http
      .post('/api/v3/person_requests')
      .set({ Authorization: bearer, 'api-key': API_KEY, 'X-Custom-PSK': 'wrong' })
      .send(v3Body())
      .expect(401);
    expect(res.body.error).toEqual(INVALID_PSK);
    expect(await snapshot(t.pool)).toEqual(before);
  });

  it('never asks for it on health, docs, metrics and uploads', async () => {
    await t.http.get('/health/live').expect(200);
    await t.http.get('/health/ready').expect(200);
    await t.http.get('/api/docs-json').expect(200);
    await t.http.get('/api/docs').expect(200);
    await t.http.get('/metrics').expect(200);
    const created = await t.http
      .post('/api/v3/person_requests')
      .set({ Authorization: bearer, 'api-key': API_KEY, 'X-Custom-PSK': PSK })
      .send(v3Body({ person: { authentication_methods: [{ type: 'OFFLINE' }] } }))
      .expect(201);
    const [document] = created.body.urgent.documents as { url: string }[];
    await putJpeg(t, document.url).expect(200);
  });
});

describe('X-Custom-PSK without CUSTOM_PSK', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('ignores the header, whatever it holds', async () => {
    await t.http.get('/api/v3/person_requests').set('Authorization', bearer).expect(200);
    await t.http
      .get('/api/v3/person_requests')
      .set({ Authorization: bearer, 'X-Custom-PSK': 'anything' })
      .expect(200);
  });
});
