import {
  CONTENT_MISMATCH,
  decodeSignBody,
  deepEqual,
  signedContentProblem,
  signedDocumentProblem,
} from '../../../src/request-lifecycle/domain/signed-content.js';
import { SIGNATURE_REJECTIONS } from '../../../src/signature/domain/signature-rejections.js';

describe('the sign body', () => {
  const bytes = Buffer.from('signed bytes');
  const base64 = bytes.toString('base64');

  it.each([
    ['base64 with no encoding', { signed_content: base64 }],
    ['base64 with encoding base64', { signed_content: base64, signed_content_encoding: 'base64' }],
    [
      'base64 broken over lines',
      { signed_content: `${base64.slice(0, 4)}\r\n ${base64.slice(4)}` },
    ],
  ])('decodes %s', (_name, body) => {
    expect(decodeSignBody(body)).toEqual({ ok: true, bytes: new Uint8Array(bytes) });
  });

  it.each<[string, unknown, string[]]>([
    ['no body', undefined, ['$.signed_content']],
    ['an array', [], ['$.signed_content']],
    ['an empty signed_content', { signed_content: '' }, ['$.signed_content']],
    ['a number', { signed_content: 42 }, ['$.signed_content']],
    ['characters outside base64', { signed_content: 'not base64!' }, ['$.signed_content']],
    ['a truncated quantum', { signed_content: 'QUJD=' }, ['$.signed_content']],
    [
      'another encoding',
      { signed_content: base64, signed_content_encoding: 'hex' },
      ['$.signed_content_encoding'],
    ],
    ['an unknown key', { signed_content: base64, extra: 1 }, ['$.extra']],
  ])('refuses %s with its JSON path', (_name, body, entries) => {
    const decoded = decodeSignBody(body);
    expect(decoded.ok).toBe(false);
    const problems = 'problems' in decoded ? decoded.problems : [];
    expect(problems.map((p) => p.entry)).toEqual(entries);
  });

  it.each<[string, unknown]>([
    ['over 512 KiB', { signed_content: Buffer.alloc(512 * 1024 + 1).toString('base64') }],
    [
      'over 512 KiB, with an encoding',
      {
        signed_content: Buffer.alloc(600 * 1024).toString('base64'),
        signed_content_encoding: 'base64',
      },
    ],
  ])('refuses a signed message %s with 400, not 422', (_name, body) => {
    expect(decodeSignBody(body)).toEqual({ ok: false, refusal: SIGNATURE_REJECTIONS.tooLarge });
  });

  it('answers the body problems before the size of the message', () => {
    const body = { signed_content: Buffer.alloc(600 * 1024).toString('base64'), extra: 1 };
    expect(decodeSignBody(body)).toMatchObject({ ok: false, problems: [{ entry: '$.extra' }] });
  });
});

describe('the signed document against the request', () => {
  const data = {
    id: 'r1',
    status: 'APPROVED',
    person: { names: [{ first_name: 'Олена' }], birth_date: '1972-10-26' },
    patient_signed: false,
    inserted_at: '2026-11-30T10:00:00.000Z',
    updated_at: '2026-11-30T10:05:00.000Z',
  };
  const signed = { ...data, patient_signed: true };

  it.each<[string, unknown, string | null]>([
    ['matches itself with patient_signed true', signed, null],
    [
      'matches with the keys in another order',
      Object.fromEntries(Object.entries(signed).reverse()),
      null,
    ],
    [
      'matches without inserted_at and updated_at',
      { ...signed, inserted_at: undefined, updated_at: undefined },
      null,
    ],
    ['refuses patient_signed false', data, '$.patient_signed'],
    [
      'refuses patient_signed missing',
      { ...signed, patient_signed: undefined },
      '$.patient_signed',
    ],
    [
      'refuses a changed value deep inside',
      { ...signed, person: { ...data.person, birth_date: '1972-10-27' } },
      '$.content',
    ],
    ['refuses an extra key', { ...signed, extra: 1 }, '$.content'],
    ['refuses a missing key', { ...signed, status: undefined }, '$.content'],
    [
      'refuses a different updated_at',
      { ...signed, updated_at: '2026-11-30T10:06:00.000Z' },
      '$.content',
    ],
    ['refuses what is not a JSON object', ['not', 'an object'], '$.content'],
    ['refuses no JSON at all', undefined, '$.content'],
  ])('%s', (_name, document, entry) => {
    const json = document === undefined ? undefined : JSON.parse(JSON.stringify(document));
    expect(signedDocumentProblem(json, data)?.entry ?? null).toBe(entry);
  });

  const text = JSON.stringify(signed);
  it.each<[string, Uint8Array, string | null]>([
    ['matches the document as UTF-8 JSON', Buffer.from(text), null],
    [
      'refuses patient_signed false then true on $.signed_content (JSON.parse keeps the last)',
      Buffer.from(`${JSON.stringify(data).slice(0, -1)},"patient_signed":true}`),
      '$.signed_content',
    ],
    [
      'refuses a byte order mark on $.signed_content',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      '$.signed_content',
    ],
    [
      'refuses an escaped lone surrogate on $.signed_content',
      Buffer.from(text.replace('Олена', 'Олена\\udc00')),
      '$.signed_content',
    ],
    [
      'refuses bytes that are not UTF-8 on $.signed_content',
      Buffer.concat([
        Buffer.from(text.slice(0, 10)),
        Buffer.from([0xff]),
        Buffer.from(text.slice(10)),
      ]),
      '$.signed_content',
    ],
    [
      'leaves text that is no JSON to the document check ($.content)',
      Buffer.from('{"id": '),
      '$.content',
    ],
    [
      'leaves JSON nested too deep to the document check ($.content)',
      Buffer.from('['.repeat(65) + ']'.repeat(65)),
      '$.content',
    ],
  ])('%s', (_name, content, entry) => {
    const problem = signedContentProblem(new Uint8Array(content), data);
    expect(problem?.entry ?? null).toBe(entry);
    expect(problem?.description ?? null).toBe(entry && CONTENT_MISMATCH);
  });

  it.each([
    [1, 1, true],
    [[1, 2], [2, 1], false],
    [{ a: { b: [1] } }, { a: { b: [1] } }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [null, {}, false],
    ['1', 1, false],
  ])('compares %j and %j structurally: %s', (a, b, equal) => {
    expect(deepEqual(a, b)).toBe(equal);
  });
});
