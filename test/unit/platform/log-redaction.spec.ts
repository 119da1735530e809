import { QueryFailedError } from 'typeorm';
import { serializeError } from '../../../src/platform/logging/error-serializer.js';
import { redactUrl } from '../../../src/platform/logging/redact.js';

describe('URLs in logs', () => {
  it.each([
    ['/api/verifications/+380971234567', '/api/verifications/+38097*****67'],
    ['/api/verifications/%2B380971234567', '/api/verifications/+38097*****67'],
    ['/api/verifications/%2b38097000999%35', '/api/verifications/+38097*****95'],
    ['/api/verifications/%33%38%30%39%37%31%32%33%34%35%36%37', '/api/verifications/38097*****67'],
    ['/api/verifications/%252B%2533%2538%2530971234567', '/api/verifications/+38097*****67'],
    [
      '/api/verifications/380971234567/actions/complete',
      '/api/verifications/38097*****67/actions/complete',
    ],
    ['/a/1380971234567890', '/a/138097*****67890'],
  ])('masks the phone in %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it.each([
    ['/api/verifications/%2b38097000999%35?code=1234', '/api/verifications/+38097*****95'],
    ['/api/uploads/a/b/PASSPORT.jpeg?expires=1&signature=abc', '/api/uploads/a/b/PASSPORT.jpeg'],
  ])('drops the query string of %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it.each(['/api/persons/0d0b5bd1-3f7c-4ab5-a0a5-6f1f3f4f0c55', '/api/persons/%D0%AF', '/%zz/%'])(
    'leaves a path without a phone as it came: %s',
    (url) => {
      expect(redactUrl(url)).toBe(url);
    },
  );

  it('never leaves a 12-digit 380 run in any decoding', () => {
    const encodings = ['380971234567', '+380971234567'].flatMap((phone) => [
      phone,
      encodeURIComponent(phone),
      [...phone].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''),
      [...phone].map((c) => `%25${c.charCodeAt(0).toString(16)}`).join(''),
    ]);
    for (const encoded of encodings) {
      const logged = redactUrl(`/api/verifications/${encoded}`);
      for (const form of [logged, decodeURIComponent(logged)]) {
        expect(form).not.toMatch(/380\d{9}/);
      }
    }
  });
});

describe('errors in logs', () => {
  /** What pg raises for a value PostgreSQL refuses: its message and detail quote the value. */
  function driverError(): Error {
    return Object.assign(new Error('duplicate key value violates unique constraint "phones_uq"'), {
      name: 'error',
      severity: 'ERROR',
      code: '23505',
      detail: 'Key (phone_number)=(+380971234567) already exists.',
      constraint: 'phones_uq',
      table: 'verified_phones',
      schema: 'public',
      routine: '_bt_check_unique',
    });
  }

  it('logs a query error by class, code, constraint and table: no query, parameters or values', () => {
    const error = new QueryFailedError(
      'INSERT INTO verified_phones (phone_number) VALUES ($1)',
      ['+380971234567'],
      driverError(),
    );
    const logged = serializeError(error) as Record<string, unknown>;
    expect(logged).toMatchObject({
      type: 'QueryFailedError',
      code: '23505',
      constraint: 'phones_uq',
      table: 'verified_phones',
    });
    const text = JSON.stringify(logged);
    for (const leak of ['380971234567', 'INSERT', 'VALUES', 'parameters', 'detail', 'routine']) {
      expect(text).not.toContain(leak);
    }
    expect(logged.stack).toMatch(/^\s+at /);
  });

  it('logs the driver error itself the same way', () => {
    const text = JSON.stringify(serializeError(driverError()));
    expect(text).toContain('23505');
    expect(text).not.toContain('380971234567');
  });

  it('hides a query error given as the cause of another', () => {
    const error = new Error('approve failed', {
      cause: new QueryFailedError('SELECT $1::uuid', ['+380971234567'], driverError()),
    });
    const text = JSON.stringify(serializeError(error));
    expect(text).toContain('approve failed');
    expect(text).toContain('23505');
    expect(text).not.toContain('380971234567');
  });

  it('logs other errors with type, message, code and stack, and no other property', () => {
    const error = Object.assign(new TypeError('boom'), {
      code: 'E_BOOM',
      config: { headers: { authorization: 'Bearer secret' } },
    });
    expect(serializeError(error)).toEqual({
      type: 'TypeError',
      message: 'boom',
      code: 'E_BOOM',
      stack: error.stack,
    });
  });

  it('passes anything that is not an Error through', () => {
    expect(serializeError('text')).toBe('text');
  });
});

describe('errors already serialized by pino', () => {
  it('reads the original error behind pino’s own serialization', () => {
    const original = new QueryFailedError('SELECT $1::uuid', ['+380971234567'], new Error('x'));
    const wrapped = Object.defineProperty(
      { type: 'QueryFailedError', message: 'x', parameters: ['+380971234567'] },
      'raw',
      { value: original, enumerable: false },
    );
    const text = JSON.stringify(serializeError(wrapped));
    expect(text).toContain('QueryFailedError');
    expect(text).not.toContain('380971234567');
  });
});
