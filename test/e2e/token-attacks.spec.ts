import {
  createHmac,
  createSign,
  generateKeyPairSync,
  randomUUID,
  type KeyObject,
} from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_CLIENT_ID, TEST_JWT_SECRET, TEST_USER_ID } from '../support/tokens.js';

/**
 * Token attacks (docs/api.md, Authentication). Every refusal carries the registry's exact text.
 *
 * Scope decisions, as actorFromClaims implements them: `scope` is a space-separated string;
 * extra spaces around or between valid scopes are tolerated; any other separator (tab, comma)
 * and any other type (an array, an object) grant nothing, so such a token is valid but lacks
 * every scope (403).
 */
const INVALID = { type: 'access_denied', message: 'Invalid access token' };
const missing = (...scopes: string[]) => ({
  type: 'forbidden',
  message: `Your scope does not allow to access this resource. Missing allowances: ${scopes.join(', ')}`,
});

const ISSUER = 'https://auth.ehealth.example/';
const AUDIENCE = 'ehealth-auth-methods';

const b64url = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

const now = (): number => Math.floor(Date.now() / 1000);

function claims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: TEST_USER_ID,
    client_id: TEST_CLIENT_ID,
    scope: 'person_request:write',
    iat: now(),
    exp: now() + 3600,
    iss: ISSUER,
    aud: AUDIENCE,
    ...extra,
  };
}

/** HS256 by hand, so any secret (even a PEM) and any header can be used. */
function hs256(payload: Record<string, unknown>, secret: string, header: object = {}): string {
  return hs256Text(JSON.stringify(payload), secret, header);
}

/** HS256 over a payload given as JSON text, for values JSON.stringify cannot write (1e400). */
function hs256Text(payload: string, secret: string, header: object = {}): string {
  const head = `${b64url({ alg: 'HS256', typ: 'JWT', ...header })}.${b64url(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

function rs(payload: Record<string, unknown>, privateKey: string, alg = 'RS256', header = {}) {
  const head = `${b64url({ alg, typ: 'JWT', ...header })}.${b64url(payload)}`;
  const hash = { RS256: 'RSA-SHA256', RS512: 'RSA-SHA512', PS256: 'RSA-SHA256' }[alg]!;
  return `${head}.${createSign(hash).update(head).sign(privateKey, 'base64url')}`;
}

/** ES256 / ES384 by hand (JOSE signatures are r‖s, not DER), so any curve can be paired with any alg. */
function es(payload: Record<string, unknown>, privateKey: KeyObject, alg: 'ES256' | 'ES384') {
  const head = `${b64url({ alg, typ: 'JWT' })}.${b64url(payload)}`;
  const signature = createSign(alg === 'ES256' ? 'SHA256' : 'SHA384')
    .update(head)
    .sign({ key: privateKey, dsaEncoding: 'ieee-p1363' }, 'base64url');
  return `${head}.${signature}`;
}

function unsigned(payload: Record<string, unknown>, alg = 'none'): string {
  return `${b64url({ alg, typ: 'JWT' })}.${b64url(payload)}.`;
}

/** A protected route that answers 404 once the token is accepted: nothing is written. */
const RESEND = `/api/person_requests/${randomUUID()}/actions/resend_otp`;

describe('token attacks', () => {
  describe('HS256 service with JWT_ISSUER and JWT_AUDIENCE', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE } });
    });
    afterAll(async () => {
      await t.close();
    });

    const call = (token: string, path = RESEND, method: 'post' | 'get' = 'post') =>
      t.http[method](path).set('Authorization', `Bearer ${token}`);

    it('accepts a correct token (the baseline every attack below departs from)', async () => {
      const res = await call(hs256(claims(), TEST_JWT_SECRET)).expect(404);
      expect(res.body.error.type).toBe('not_found');
    });

    it.each<[string, () => string]>([
      ['alg none', () => unsigned(claims())],
      ['alg None', () => unsigned(claims(), 'None')],
      ['alg NONE', () => unsigned(claims(), 'NONE')],
      ['alg none signed by jsonwebtoken', () => jwt.sign(claims(), '', { algorithm: 'none' })],
      [
        'HS256 header with an empty signature',
        () => `${hs256(claims(), TEST_JWT_SECRET).split('.').slice(0, 2).join('.')}.`,
      ],
      [
        'HS512 with the right secret',
        () => jwt.sign(claims(), TEST_JWT_SECRET, { algorithm: 'HS512' }),
      ],
      ['HS256 with another secret', () => hs256(claims(), `${TEST_JWT_SECRET}-not`)],
      ['an expired token', () => hs256(claims({ exp: now() - 10 }), TEST_JWT_SECRET)],
      ['a token without exp', () => hs256(claims({ exp: undefined }), TEST_JWT_SECRET)],
      ['exp as a string', () => hs256(claims({ exp: String(now() + 3600) }), TEST_JWT_SECRET)],
      ['nbf in the future', () => hs256(claims({ nbf: now() + 600 }), TEST_JWT_SECRET)],
      ['a wrong issuer', () => hs256(claims({ iss: 'https://evil.example/' }), TEST_JWT_SECRET)],
      ['no issuer', () => hs256(claims({ iss: undefined }), TEST_JWT_SECRET)],
      ['a wrong audience', () => hs256(claims({ aud: 'another-service' }), TEST_JWT_SECRET)],
      ['no audience', () => hs256(claims({ aud: undefined }), TEST_JWT_SECRET)],
      [
        'a tampered payload (claims re-encoded, old signature kept)',
        () => {
          const [head, , signature] = hs256(
            claims({ scope: 'person:read' }),
            TEST_JWT_SECRET,
          ).split('.');
          return `${head}.${b64url(claims({ scope: 'person_request:write' }))}.${signature}`;
        },
      ],
      [
        'a tampered header (alg switched, old signature kept)',
        () => {
          const [, payload, signature] = hs256(claims(), TEST_JWT_SECRET).split('.');
          return `${b64url({ alg: 'HS384', typ: 'JWT' })}.${payload}.${signature}`;
        },
      ],
      [
        'a header that names its own key (jwk) with a foreign secret',
        () =>
          hs256(claims(), 'attacker-secret-attacker-secret-attacker', {
            jwk: { kty: 'oct', k: b64url('attacker-secret-attacker-secret-attacker') },
          }),
      ],
      ['a payload that is not JSON', () => `${b64url({ alg: 'HS256' })}.${b64url('not json')}.x`],
      ['four segments', () => `${hs256(claims(), TEST_JWT_SECRET)}.extra`],
      // Critical header extensions: none is implemented, so none may be ignored.
      ['a crit header', () => hs256(claims(), TEST_JWT_SECRET, { crit: ['exp'] })],
      ['an empty crit header', () => hs256(claims(), TEST_JWT_SECRET, { crit: [] })],
      [
        'a crit header with b64 false',
        () => hs256(claims(), TEST_JWT_SECRET, { crit: ['b64'], b64: false }),
      ],
      // Times (wall clock): up to 60 s of skew on iat/nbf, none on exp, at most 24 h of life.
      [
        'iat an hour ahead',
        () => hs256(claims({ iat: now() + 3600, exp: now() + 7200 }), TEST_JWT_SECRET),
      ],
      ['iat 75 s ahead', () => hs256(claims({ iat: now() + 75 }), TEST_JWT_SECRET)],
      ['nbf 75 s ahead', () => hs256(claims({ nbf: now() + 75 }), TEST_JWT_SECRET)],
      ['exp 1e300', () => hs256(claims({ exp: 1e300 }), TEST_JWT_SECRET)],
      [
        'exp 1e300 without iat',
        () => hs256(claims({ exp: 1e300, iat: undefined }), TEST_JWT_SECRET),
      ],
      [
        'exp 1e400 (Infinity once parsed)',
        () =>
          hs256Text(
            JSON.stringify(claims({ exp: 0 })).replace('"exp":0', '"exp":1e400'),
            TEST_JWT_SECRET,
          ),
      ],
      ['exp null', () => hs256(claims({ exp: null }), TEST_JWT_SECRET)],
      [
        'exp 24 h and 1 s after iat',
        () => hs256(claims({ iat: now(), exp: now() + 86_401 }), TEST_JWT_SECRET),
      ],
      [
        'exp 25 h ahead without iat',
        () => hs256(claims({ iat: undefined, exp: now() + 25 * 3600 }), TEST_JWT_SECRET),
      ],
      ['iat long ago, exp soon', () => hs256(claims({ iat: 1, exp: now() + 60 }), TEST_JWT_SECRET)],
      ['iat as a string', () => hs256(claims({ iat: String(now()) }), TEST_JWT_SECRET)],
      ['nbf as a string', () => hs256(claims({ nbf: String(now()) }), TEST_JWT_SECRET)],
      ['iat null', () => hs256(claims({ iat: null }), TEST_JWT_SECRET)],
      // Who acts: sub and client_id are required non-empty strings.
      ['no sub', () => hs256(claims({ sub: undefined }), TEST_JWT_SECRET)],
      ['an empty sub', () => hs256(claims({ sub: '' }), TEST_JWT_SECRET)],
      ['sub a number', () => hs256(claims({ sub: 42 }), TEST_JWT_SECRET)],
      ['no client_id', () => hs256(claims({ client_id: undefined }), TEST_JWT_SECRET)],
      ['an empty client_id', () => hs256(claims({ client_id: '' }), TEST_JWT_SECRET)],
      ['client_id a number', () => hs256(claims({ client_id: 42 }), TEST_JWT_SECRET)],
      ['client_id a list', () => hs256(claims({ client_id: [TEST_CLIENT_ID] }), TEST_JWT_SECRET)],
      [
        'client_id an object',
        () => hs256(claims({ client_id: { id: TEST_CLIENT_ID } }), TEST_JWT_SECRET),
      ],
    ])('refuses %s with 401 Invalid access token', async (_name, token) => {
      const res = await call(token()).expect(401);
      expect(res.body.error).toEqual(INVALID);
      expect(res.body.meta.code).toBe(401);
    });

    it.each<[string, () => string]>([
      ['iat 55 s ahead (clock skew)', () => hs256(claims({ iat: now() + 55 }), TEST_JWT_SECRET)],
      ['nbf 55 s ahead (clock skew)', () => hs256(claims({ nbf: now() + 55 }), TEST_JWT_SECRET)],
      [
        'exp exactly 24 h after iat',
        () => hs256(claims({ iat: now(), exp: now() + 86_400 }), TEST_JWT_SECRET),
      ],
      ['no iat, exp in an hour', () => hs256(claims({ iat: undefined }), TEST_JWT_SECRET)],
      ['a kid of junk', () => hs256(claims(), TEST_JWT_SECRET, { kid: '../../etc/passwd\u0000' })],
      ['an unusual typ', () => hs256(claims(), TEST_JWT_SECRET, { typ: 'at+jwt' })],
      ['no typ', () => hs256(claims(), TEST_JWT_SECRET, { typ: undefined })],
    ])('accepts %s', async (_name, token) => {
      const res = await call(token()).expect(404);
      expect(res.body.error.type).toBe('not_found');
    });

    it.each<[string, string]>([
      ['no header at all', ''],
      ['Bearer with nothing after it', 'Bearer '],
      ['a lower-case scheme', `bearer ${hs256(claims(), TEST_JWT_SECRET)}`],
      ['the token without a scheme', hs256(claims(), TEST_JWT_SECRET)],
      [
        'two tokens',
        `Bearer ${hs256(claims(), TEST_JWT_SECRET)} ${hs256(claims(), TEST_JWT_SECRET)}`,
      ],
    ])('refuses %s with 401 and the Bearer text', async (_name, header) => {
      const req = t.http.post(RESEND);
      const res = await (header === '' ? req : req.set('Authorization', header)).expect(401);
      expect(res.body.error).toEqual({
        type: 'access_denied',
        message: "Authorization header is not set or doesn't contain Bearer token",
      });
    });

    describe('a token verified before (kept until it expires, by its exact bytes)', () => {
      it('refuses the same claims under a changed signature after the token was accepted', async () => {
        const token = hs256(claims(), TEST_JWT_SECRET);
        await call(token).expect(404);
        await call(token).expect(404);
        const [head, payload, signature] = token.split('.');
        const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BA' : 'AA'}`;
        const res = await call(`${head}.${payload}.${flipped}`).expect(401);
        expect(res.body.error).toEqual(INVALID);
      });

      it('refuses other claims under the accepted token’s signature', async () => {
        const token = hs256(claims(), TEST_JWT_SECRET);
        await call(token).expect(404);
        const [head, , signature] = token.split('.');
        const forged = `${head}.${b64url(claims({ scope: 'person_request:write event:read' }))}.${signature}`;
        const res = await call(forged, '/api/events', 'get').expect(401);
        expect(res.body.error).toEqual(INVALID);
      });

      it('refuses an accepted token once it has expired', async () => {
        const token = hs256(claims({ exp: now() + 2 }), TEST_JWT_SECRET);
        await call(token).expect(404);
        await new Promise((r) => setTimeout(r, (now() + 3) * 1000 - Date.now()));
        const res = await call(token).expect(401);
        expect(res.body.error).toEqual(INVALID);
      });
    });

    describe('scope tricks', () => {
      it.each<[string, unknown]>([
        ['a look-alike scope', 'person_request:write2'],
        ['a prefix of the scope', 'person_request:writ'],
        ['the scope in upper case', 'PERSON_REQUEST:WRITE'],
        ['a wildcard', 'person_request:*'],
        ['a scope list as an array', ['person_request:write']],
        ['a scope list as an object', { 'person_request:write': true }],
        ['scopes separated by commas', 'person_request:read,person_request:write'],
        ['scopes separated by a tab', 'person_request:read\tperson_request:write'],
        ['the scope under another claim (scp)', undefined],
      ])('refuses %s with 403 naming the missing scope', async (_name, scope) => {
        const token = hs256(
          claims(
            scope === undefined ? { scope: undefined, scp: 'person_request:write' } : { scope },
          ),
          TEST_JWT_SECRET,
        );
        const res = await call(token).expect(403);
        expect(res.body.error).toEqual(missing('person_request:write'));
      });

      it.each([
        ['extra spaces around the scope', '  person_request:write  '],
        ['several spaces between scopes', 'person:read    person_request:write'],
      ])('tolerates %s', async (_name, scope) => {
        const res = await call(hs256(claims({ scope }), TEST_JWT_SECRET)).expect(404);
        expect(res.body.error.type).toBe('not_found');
      });

      it('refuses a token for another route’s scope with 403 and the exact text', async () => {
        const readOnly = hs256(
          claims({ scope: 'person_request:read person:read' }),
          TEST_JWT_SECRET,
        );
        const res = await call(readOnly).expect(403);
        expect(res.body.error).toEqual(missing('person_request:write'));
        const writeOnly = hs256(claims({ scope: 'person_request:write' }), TEST_JWT_SECRET);
        const list = await call(writeOnly, '/api/v3/person_requests', 'get').expect(403);
        expect(list.body.error).toEqual(missing('person_request:read'));
        const events = await call(writeOnly, '/api/events', 'get').expect(403);
        expect(events.body.error).toEqual(missing('event:read'));
      });
    });
  });

  describe('RS256 service (JWT_PUBLIC_KEY): key confusion', () => {
    let t: TestApp;
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const otherPrivatePem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const ecPrivate = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

    beforeAll(async () => {
      // JWT_SECRET blank = unset: the public key alone configures verification.
      t = await createTestApp({ env: { JWT_SECRET: '', JWT_PUBLIC_KEY: publicPem } });
    });
    afterAll(async () => {
      await t.close();
    });

    const call = (token: string) => t.http.post(RESEND).set('Authorization', `Bearer ${token}`);
    const plain = () => claims({ iss: undefined, aud: undefined });

    it('accepts RS256 signed with the matching private key', async () => {
      expect(t.config.jwt).toMatchObject({ secret: undefined, publicKey: publicPem.trim() });
      const res = await call(rs(plain(), privatePem)).expect(404);
      expect(res.body.error.type).toBe('not_found');
    });

    it.each<[string, () => string]>([
      ['HS256 signed with the public key PEM as the secret', () => hs256(plain(), publicPem)],
      [
        'HS256 signed with the configured key string (the PEM, trimmed) as the secret',
        () => hs256(plain(), publicPem.trim()),
      ],
      ['HS256 signed with the old shared secret', () => hs256(plain(), TEST_JWT_SECRET)],
      ['RS256 signed with another private key', () => rs(plain(), otherPrivatePem)],
      ['RS512 signed with the right private key', () => rs(plain(), privatePem, 'RS512')],
      [
        'ES256 signed with a foreign EC key',
        () =>
          jwt.sign(plain(), ecPrivate.export({ type: 'pkcs8', format: 'pem' }), {
            algorithm: 'ES256',
          }),
      ],
      ['alg none', () => unsigned(plain())],
      ['an expired RS256 token', () => rs({ ...plain(), exp: now() - 1 }, privatePem)],
      ['RS256 with a crit header', () => rs(plain(), privatePem, 'RS256', { crit: ['exp'] })],
      [
        'RS256 with iat an hour ahead',
        () => rs({ ...plain(), iat: now() + 3600, exp: now() + 7200 }, privatePem),
      ],
      ['RS256 with exp 1e300', () => rs({ ...plain(), exp: 1e300 }, privatePem)],
      ['RS256 without client_id', () => rs({ ...plain(), client_id: undefined }, privatePem)],
    ])('refuses %s with 401 Invalid access token', async (_name, token) => {
      const res = await call(token()).expect(401);
      expect(res.body.error).toEqual(INVALID);
    });
  });

  describe('ES256 service (JWT_PUBLIC_KEY on P-256)', () => {
    let t: TestApp;
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const foreign = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

    beforeAll(async () => {
      t = await createTestApp({ env: { JWT_SECRET: '', JWT_PUBLIC_KEY: publicPem } });
    });
    afterAll(async () => {
      await t.close();
    });

    const call = (token: string) => t.http.post(RESEND).set('Authorization', `Bearer ${token}`);
    const plain = () => claims({ iss: undefined, aud: undefined });

    it('accepts ES256 signed with the matching private key', async () => {
      const res = await call(es(plain(), pair.privateKey, 'ES256')).expect(404);
      expect(res.body.error).toEqual({ type: 'not_found', message: 'Person request not found' });
    });

    it('accepts ES256 as jsonwebtoken signs it', async () => {
      const token = jwt.sign(plain(), pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), {
        algorithm: 'ES256',
      });
      const res = await call(token).expect(404);
      expect(res.body.error.type).toBe('not_found');
    });

    it.each<[string, () => string]>([
      ['ES384 signed with the matching private key', () => es(plain(), pair.privateKey, 'ES384')],
      ['ES256 signed with another P-256 key', () => es(plain(), foreign, 'ES256')],
      ['HS256 signed with the public key PEM as the secret', () => hs256(plain(), publicPem)],
      ['HS256 signed with the old shared secret', () => hs256(plain(), TEST_JWT_SECRET)],
      ['alg none', () => unsigned(plain())],
      [
        'an expired ES256 token',
        () => es({ ...plain(), exp: now() - 1 }, pair.privateKey, 'ES256'),
      ],
    ])('refuses %s with 401 Invalid access token', async (_name, token) => {
      const res = await call(token()).expect(401);
      expect(res.body.error).toEqual(INVALID);
    });
  });
});
