import { QueryFailedError } from 'typeorm';
import { serializeError } from '../../../src/platform/logging/error-serializer.js';
import {
  acceptedRequestId,
  maskDigitRuns,
  redactUrl,
} from '../../../src/platform/logging/redact.js';

const UUID = 'c0a8012e-7f1b-4d2a-9a51-4b1b1d2f6a10';
/** A UUID whose digits, joined by its dashes, would make a run of 32. */
const DIGIT_UUID = '12345678-1234-4234-8234-123456789012';
const FULLWIDTH = '０６３１１１２２９４';
const ARABIC_INDIC = '٠٦٣١١١٢٢٩٤';

/** Every percent-decoding of `text` a reader could apply, the text itself first. */
function decodings(text: string): string[] {
  const forms = [text];
  let current = text;
  for (let i = 0; i < 20; i++) {
    try {
      current = decodeURIComponent(current.replace(/%(?![0-9a-f]{2})/gi, '%25'));
    } catch {
      break;
    }
    if (current === forms[forms.length - 1]) break;
    forms.push(current);
  }
  return forms;
}

/** Nine digits with only number punctuation between them, read independently of the code. */
const NINE_DIGITS = /\d(?:[\s+.()_-]*\d){8}/;

describe('runs of 9 or more digits in logged text (maskDigitRuns)', () => {
  it.each([
    // A run: digits with only white space, +, ., _, brackets or dashes between them.
    ['0631112294', '********94'],
    ['380971234567', '**********67'],
    ['+380971234567', '+**********67'],
    ['+38 063 111 22 94', '+** *** *** ** 94'],
    ['+38 (063) 111-22-94', '+** (***) ***-**-94'],
    ['063-111-22-94', '***-***-**-94'],
    ['063.111.22.94', '***.***.**.94'],
    ['063_111_22_94', '***_***_**_94'],
    ['38+063+111+22+94', '**+***+***+**+94'],
    ['063 – 111 — 22 ‑ 94', '*** – *** — ** ‑ 94'],
    ['063\t111\n22 94', '***\t***\n** 94'],
    ['tel: +38  063  111 22 94.', 'tel: +**  ***  *** ** 94.'],
    [FULLWIDTH, '********９４'],
    [ARABIC_INDIC, '********٩٤'],
    ['123456789', '*******89'],
    ['/a/1380971234567890', '/a/**************90'],
    // Not a run of nine: fewer digits, or something else between them.
    ['12345678', '12345678'],
    ['1234 5678', '1234 5678'],
    ['2026-11-23', '2026-11-23'],
    ['2026-11-23T10:15:30Z', '2026-11-23T10:15:30Z'],
    ['a1234567b89', 'a1234567b89'],
    ['063/111/22/94', '063/111/22/94'],
    ['063:111:22:94', '063:111:22:94'],
    ['063,111,22,94', '063,111,22,94'],
    // A stand-alone UUID is an identifier: its digits neither form nor join a run.
    [UUID, UUID],
    [DIGIT_UUID, DIGIT_UUID],
    [`/api/persons/${DIGIT_UUID}/verification`, `/api/persons/${DIGIT_UUID}/verification`],
    [`1234-${DIGIT_UUID}-5678`, `1234-${DIGIT_UUID}-5678`],
    [`${UUID}#123456789`, `${UUID}#*******89`],
    [`${DIGIT_UUID}-063-111-22-94`, `${DIGIT_UUID}-***-***-**-94`],
    // Inside a longer word or number it is not one.
    ['12345678-1234-4234-8234-1234567890123', '********-****-****-****-***********23'],
  ])('%j is logged as %j', (text, logged) => {
    expect(maskDigitRuns(text)).toBe(logged);
  });
});

describe('URLs in logs', () => {
  it.each([
    ['/api/verifications/+380971234567', '/api/verifications/+**********67'],
    ['/api/verifications/%2B380971234567', '/api/verifications/+**********67'],
    ['/api/verifications/%2b38097000999%35', '/api/verifications/+**********95'],
    ['/api/verifications/%33%38%30%39%37%31%32%33%34%35%36%37', '/api/verifications/**********67'],
    ['/api/verifications/%252B%2533%2538%2530971234567', '/api/verifications/+**********67'],
    [
      '/api/verifications/380971234567/actions/complete',
      '/api/verifications/**********67/actions/complete',
    ],
    ['/api/verifications/0631112294', '/api/verifications/********94'],
    ['/api/verifications/%2B38%20063%20111%2022%2094', '/api/verifications/+** *** *** ** 94'],
    [
      '/api/verifications/%2B38%2520063%2520111%252022%252094',
      '/api/verifications/+** *** *** ** 94',
    ],
    [
      '/api/verifications/063-111-22-94/actions/complete',
      '/api/verifications/***-***-**-94/actions/complete',
    ],
    ['/api/verifications/+38%20(063)%20111-22-94', '/api/verifications/+** (***) ***-**-94'],
    [`/api/verifications/${encodeURIComponent(FULLWIDTH)}`, '/api/verifications/********９４'],
    ['/api/verifications/%E2%80%8B0631112294%C3', '/api/verifications/\u200b********94%C3'],
  ])('masks the phone in %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it.each([
    ['/api/verifications/%2b38097000999%35?code=1234', '/api/verifications/+**********95'],
    ['/api/uploads/a/b/PASSPORT.jpeg?expires=1&signature=abc', '/api/uploads/a/b/PASSPORT.jpeg'],
  ])('drops the query string of %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it.each([
    `/api/persons/${UUID}`,
    `/api/persons/${DIGIT_UUID}/authentication_method_requests/${DIGIT_UUID}`,
    '/api/persons/%D0%AF',
    '/%zz/%',
    '/api/v3/person_requests?page=123456789',
  ])('leaves a path without a run as it came: %s', (url) => {
    expect(redactUrl(url)).toBe(url.split('?')[0]);
  });

  it('logs a path still changing after 16 decodings only up to its first %', () => {
    let encoded = '5';
    for (let i = 0; i < 20; i++) encoded = encodeURIComponent(encoded === '5' ? '%35' : encoded);
    expect(redactUrl(`/api/verifications/063111229${encoded}`)).toBe(
      '/api/verifications/*******29…',
    );
  });

  it('never leaves nine digits in any decoding of a logged phone, however written', () => {
    const writings = [
      '380971234567',
      '+380971234567',
      '0631112294',
      '+38 063 111 22 94',
      '063-111-22-94',
      '+38 (063) 111-22-94',
      '38+063+111+22+94',
    ];
    const encodings = (phone: string): string[] => [
      phone,
      encodeURIComponent(phone),
      encodeURIComponent(encodeURIComponent(phone)),
      [...phone].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
      [...phone].map((c) => `%25${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    ];
    for (const phone of writings) {
      for (const encoded of encodings(phone)) {
        const logged = redactUrl(`/api/verifications/${encoded}/actions/complete`);
        for (const form of decodings(logged))
          expect({ encoded, form }).not.toEqual({
            encoded,
            form: expect.stringMatching(NINE_DIGITS),
          });
      }
    }
  });
});

describe('X-Request-ID', () => {
  it.each([
    'req-1',
    'mis-request-42',
    UUID,
    DIGIT_UUID,
    `${UUID}#3`,
    `${DIGIT_UUID}#12`,
    'A.b_c~d:e#f-g',
    '12345678',
    'order-1234-5678',
    'x'.repeat(200),
  ])('accepts %j', (id) => {
    expect(acceptedRequestId(id)).toBe(id);
  });

  it.each([
    '',
    'x'.repeat(201),
    'with space',
    'tab\there',
    '+380971234567',
    '380971234567',
    '0631112294',
    'client-063-111-22-94',
    `${UUID}#123456789`,
    'a/b',
    'a%2Fb',
    'a;b',
    'a,b',
    'a+b',
    'ïd',
    'a\u0000',
    "<script>alert('x')</script>",
  ])('refuses %j', (id) => {
    expect(acceptedRequestId(id)).toBeUndefined();
  });

  it.each([undefined, ['req-1', 'req-2'], 42])(
    'refuses a header that is not one string: %j',
    (id) => {
      expect(acceptedRequestId(id)).toBeUndefined();
    },
  );
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
