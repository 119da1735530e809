import { DomainError } from '../../../src/kernel/domain/errors.js';
import {
  idempotencyKeyOf,
  isStoredStatus,
  KEY_FORMAT,
  keyReused,
  KEY_REUSED,
  requestFingerprint,
  withIdempotencyMeta,
} from '../../../src/platform/idempotency/idempotency-key.js';

const refusal = (header: string | string[]): DomainError | undefined => {
  try {
    idempotencyKeyOf(header);
    return undefined;
  } catch (error) {
    return error as DomainError;
  }
};

describe('the X-Idempotency-Key header', () => {
  it.each([
    ['a', 'a'],
    ['one UUID', '0b9c7c55-6f3e-4a53-9d5b-2b1f6a3c9e01'],
    ['255 characters', 'k'.repeat(255)],
    ['every printable character', '!"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~'],
  ])('accepts %s', (_name, key) => {
    expect(idempotencyKeyOf(key)).toBe(key);
  });

  it('is no key when the header is absent', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
  });

  it.each<[string, string | string[]]>([
    ['an empty value', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a space', 'a b'],
    ['a tab', 'a\tb'],
    ['a non-ASCII letter', 'ключ'],
    ['DEL', 'a\x7f'],
    ['the header sent twice', ['a', 'b']],
  ])('refuses %s with 422 on the header', (_name, header) => {
    const error = refusal(header);
    expect(error).toBeInstanceOf(DomainError);
    expect(error!.code).toBe('validation');
    expect(error!.invalid).toEqual([
      { entry: '$.headers.x-idempotency-key', rule: 'format', description: KEY_FORMAT },
    ]);
  });

  it('refuses a reused key on the header with its own description', () => {
    const error = keyReused() as DomainError;
    expect(error.code).toBe('validation');
    expect(error.invalid).toEqual([
      { entry: '$.headers.x-idempotency-key', rule: 'invalid', description: KEY_REUSED },
    ]);
  });
});

describe('which answers a key keeps', () => {
  it.each([200, 201, 204, 404, 409, 422])('keeps %i', (status) => {
    expect(isStoredStatus(status)).toBe(true);
  });
  it.each([400, 401, 403, 413, 429, 500, 502, 503, 504])('does not keep %i', (status) => {
    expect(isStoredStatus(status)).toBe(false);
  });
});

describe('the fingerprint of a request', () => {
  const base = requestFingerprint('POST', '/api/v3/person_requests', Buffer.from('{"a":1}'));

  it('is the same for the same method, path and bytes', () => {
    expect(requestFingerprint('post', '/api/v3/person_requests', Buffer.from('{"a":1}'))).toBe(
      base,
    );
  });

  it.each([
    ['another method', 'PATCH', '/api/v3/person_requests', '{"a":1}'],
    ['another path', 'POST', '/api/verifications', '{"a":1}'],
    ['other bytes of the same JSON', 'POST', '/api/v3/person_requests', '{ "a": 1 }'],
    ['no body', 'POST', '/api/v3/person_requests', ''],
    ['bytes moved from path to body', 'POST', '/api/v3/person_request', 's{"a":1}'],
  ])('differs for %s', (_name, method, path, body) => {
    expect(requestFingerprint(method, path, Buffer.from(body))).not.toBe(base);
  });
});

describe('the meta of a keyed answer', () => {
  const answer = JSON.stringify({
    meta: { code: 201, url: 'http://x/api', type: 'object', request_id: 'first' },
    data: { id: 1 },
  });

  it('carries this request id and the key, right after the id', () => {
    const text = withIdempotencyMeta(answer, 'second', 'k-1');
    expect(text).toBe(
      JSON.stringify({
        meta: {
          code: 201,
          url: 'http://x/api',
          type: 'object',
          request_id: 'second',
          idempotency_key: 'k-1',
        },
        data: { id: 1 },
      }),
    );
    expect(withIdempotencyMeta(text, 'third', 'k-1')).toBe(text.replace('"second"', '"third"'));
  });

  it.each([
    ['text that is not JSON', 'not json'],
    ['a JSON array', '[1]'],
    ['an object without meta', '{"data":1}'],
    ['a meta that is not an object', '{"meta":"x"}'],
  ])('leaves %s as it is', (_name, payload) => {
    expect(withIdempotencyMeta(payload, 'r', 'k')).toBe(payload);
  });
});
