import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import {
  contentBytes,
  HttpSignatureVerifier,
} from '../../../src/signature/adapters/http/http-signature-verifier.js';
import type { ValidSignature } from '../../../src/signature/application/signature-verifier.port.js';
import { SIGNATURE_REJECTIONS } from '../../../src/signature/domain/signature-rejections.js';
import { DomainError } from '../../../src/kernel/domain/errors.js';
import { refusedUrl } from '../../support/fake-http-service.js';
import { FakeDigitalSignatureServer } from '../../support/digital-signature-server.js';

const UNAVAILABLE = { code: 'unavailable', message: 'Digital signature service is unavailable' };
const DOCUMENT = { id: '0d4a6f7e-2c1b-4e8a-9f3d-5b6c7d8e9f01', patient_signed: true };
const SIGNED = new Uint8Array(Buffer.from(JSON.stringify(DOCUMENT)));
const OLENA = { commonName: 'Олена Тестова', drfo: '3999869394', edrpou: null, serial: null };

function verifierFor(url: string, timeoutMs = 5000): HttpSignatureVerifier {
  return new HttpSignatureVerifier({ url, timeoutMs });
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

describe('HttpSignatureVerifier against a server speaking the digital-signature contract', () => {
  let server: FakeDigitalSignatureServer;
  let verifier: HttpSignatureVerifier;
  const logged: string[] = [];

  beforeAll(async () => {
    server = await FakeDigitalSignatureServer.start();
    verifier = verifierFor(server.url);
    const capture = (message: unknown): void => void logged.push(String(message));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(capture);
  });
  afterAll(async () => {
    await server.close();
    jest.restoreAllMocks();
  });
  beforeEach(() => server.reset());

  it('posts the signed bytes in base64 with check: true', async () => {
    await verifier.verify(SIGNED);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      url: '/digital_signatures',
      body: {
        signed_content: Buffer.from(SIGNED).toString('base64'),
        signed_content_encoding: 'base64',
        check: true,
      },
    });
    expect(server.requests[0].headers['content-type']).toBe('application/json');
  });

  it.each<[string, 'normal' | 'legacy']>([
    ['the signatures form', 'normal'],
    ['the older form with the verdict directly in data', 'legacy'],
  ])('turns a valid answer in %s into the content and the signer', async (_name, kind) => {
    server.behave({ kind });
    const result = await verifier.verify(SIGNED);
    expect(result).toEqual({ kind: 'valid', content: expect.any(Uint8Array), signer: OLENA });
    if (result.kind !== 'valid') throw new Error('not valid');
    expect(JSON.parse(text(result.content))).toEqual(DOCUMENT);
  });

  it('reads the EDRPOU, spaces in numbers and the serial number of the signer', async () => {
    server.signer = {
      ...server.signer,
      drfo: ' 3999 869394 ',
      edrpou: '38782323',
      serial_number: '58E2D9E7F900307B',
    };
    await expect(verifier.verify(SIGNED)).resolves.toMatchObject({
      kind: 'valid',
      signer: { drfo: '3999869394', edrpou: '38782323', serial: '58E2D9E7F900307B' },
    });
  });

  it('answers invalid with the service message when is_valid is false', async () => {
    server.behave({ kind: 'invalid', message: 'Certificate revoked' });
    await expect(verifier.verify(SIGNED)).resolves.toEqual({
      kind: 'invalid',
      message: 'Certificate revoked',
    });
  });

  it.each<[string, unknown, string]>([
    [
      'there are two signatures, both valid',
      {
        content: DOCUMENT,
        signatures: [
          { is_valid: true, signer: {}, validation_error_message: '' },
          { is_valid: true, signer: {}, validation_error_message: '' },
        ],
      },
      SIGNATURE_REJECTIONS.notOneSignature,
    ],
    [
      'there are two signatures, one not valid',
      {
        content: DOCUMENT,
        signatures: [
          { is_valid: true, signer: {}, validation_error_message: '' },
          { is_valid: false, signer: {}, validation_error_message: 'Signature 2 is broken' },
        ],
      },
      SIGNATURE_REJECTIONS.notOneSignature,
    ],
    [
      'is_valid is false without a message',
      { content: DOCUMENT, is_valid: false, signer: {}, validation_error_message: ' ' },
      SIGNATURE_REJECTIONS.notValid,
    ],
    [
      'there is no signature',
      { content: DOCUMENT, signatures: [] },
      SIGNATURE_REJECTIONS.noSignature,
    ],
  ])('answers invalid when %s', async (_name, data, message) => {
    server.behave({ kind: 'reply', status: 200, body: { data } });
    await expect(verifier.verify(SIGNED)).resolves.toEqual({ kind: 'invalid', message });
  });

  it('refuses a message over 512 KiB without sending it, and sends one of exactly 512 KiB', async () => {
    await expect(verifier.verify(new Uint8Array(512 * 1024 + 1))).resolves.toEqual({
      kind: 'invalid',
      message: SIGNATURE_REJECTIONS.tooLarge,
    });
    expect(server.requests).toEqual([]);
    await verifier.verify(new Uint8Array(512 * 1024));
    expect(server.requests).toHaveLength(1);
  });

  it('answers malformed when the service cannot decode a signed message (422)', async () => {
    await expect(verifier.verify(new Uint8Array([0xff, 0x00, 0x13]))).resolves.toEqual({
      kind: 'malformed',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('answers malformed to a 400', async () => {
    server.behave({ kind: 'reply', status: 400, body: { error: { type: 'bad_request' } } });
    await expect(verifier.verify(SIGNED)).resolves.toEqual({ kind: 'malformed' });
  });

  it.each<[string, unknown, string]>([
    ['a JSON object', { a: 1, b: 'Тест' }, '{"a":1,"b":"Тест"}'],
    ['base64 of JSON', Buffer.from('{"a":1}').toString('base64'), '{"a":1}'],
    ['a plain JSON text', '{"a":1}', '{"a":1}'],
    ['plain text that is not base64', 'підписано', 'підписано'],
    ['a JSON text that is also base64', 'null', 'null'],
  ])('returns the bytes of content given as %s', async (_name, content, expected) => {
    server.behave({
      kind: 'reply',
      status: 200,
      body: { data: { content, signatures: [{ is_valid: true, signer: {} }] } },
    });
    const result = await verifier.verify(SIGNED);
    expect(result.kind).toBe('valid');
    expect(text((result as ValidSignature).content)).toBe(expected);
    expect(text(contentBytes(content)!)).toBe(expected);
  });

  describe('when the service fails', () => {
    it.each<[string, Parameters<FakeDigitalSignatureServer['behave']>[0]]>([
      ['a 5xx', { kind: 'error' }],
      ['an HTML page with 200', { kind: 'garbage' }],
      ['a dropped connection', { kind: 'close' }],
      ['a 404 (wrong base URL)', { kind: 'reply', status: 404, body: {} }],
      ['a 200 without data', { kind: 'reply', status: 200, body: { ok: true } }],
      [
        'a valid verdict without content',
        { kind: 'reply', status: 200, body: { data: { signatures: [{ is_valid: true }] } } },
      ],
      [
        'a signature without a boolean is_valid',
        { kind: 'reply', status: 200, body: { data: { content: {}, signatures: [{}] } } },
      ],
    ])('maps %s to unavailable', async (_name, behaviour) => {
      server.behave(behaviour);
      await expect(verifier.verify(SIGNED)).rejects.toMatchObject(UNAVAILABLE);
    });

    it('times out after DIGITAL_SIGNATURE_TIMEOUT_MS and answers unavailable', async () => {
      server.behave({ kind: 'hang' });
      // Wall-clock bounds on purpose: the server never answers, so only the adapter's own timeout
      // ends the call, and how long it waited is the one observable sign that the configured
      // 150 ms (not a default, not no timeout) is the one in force.
      const started = Date.now();
      await expect(verifierFor(server.url, 150).verify(SIGNED)).rejects.toMatchObject(UNAVAILABLE);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(140);
      expect(elapsed).toBeLessThan(2000);
    });

    it('maps a refused connection to unavailable', async () => {
      const error: unknown = await verifierFor(await refusedUrl())
        .verify(SIGNED)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject(UNAVAILABLE);
    });
  });

  it('keeps a base path of DIGITAL_SIGNATURE_URL', async () => {
    server.behave({ kind: 'reply', status: 422, body: {} });
    await verifierFor(`${server.url}/ds/api/`).verify(SIGNED);
    expect(server.requests.at(-1)!.url).toBe('/ds/api/digital_signatures');
  });

  it('logs outages without the content or the signer', async () => {
    logged.length = 0;
    server.behave({ kind: 'error' });
    await verifier.verify(SIGNED).catch(() => undefined);
    server.behave({ kind: 'garbage' });
    await verifier.verify(SIGNED).catch(() => undefined);
    expect(logged).toHaveLength(2);
    const all = logged.join('\n');
    expect(all).toContain('500');
    expect(all).not.toContain(Buffer.from(SIGNED).toString('base64'));
    expect(all).not.toContain(DOCUMENT.id);
    expect(all).not.toContain('3999869394');
  });
});
