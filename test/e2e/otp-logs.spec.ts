import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';

const PHONE = '+380971234567';
const ENCODED = encodeURIComponent(PHONE);
const bearer = (): string => `Bearer ${tokenFor('otp_verification:write')}`;

/** Every way the digits of a 380… phone could be read back from a log line. */
function decodings(text: string): string[] {
  const forms = [text];
  let current = text;
  for (let i = 0; i < 4; i++) {
    try {
      current = decodeURIComponent(current.replace(/%(?![0-9a-f]{2})/gi, '%25'));
    } catch {
      break;
    }
    forms.push(current);
  }
  return forms;
}

describe('logs (no personal data, a request id on every line)', () => {
  let t: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      env: { LOG_LEVEL: 'info' },
      logStream: { write: (line: string) => void lines.push(line) },
    });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    lines.length = 0;
  });

  it('never logs a code or a full phone outside the SMS line, which masks the phone', async () => {
    await t.http
      .post('/api/verifications')
      .set('Authorization', bearer())
      .send({ phone_number: PHONE })
      .expect(200);
    const smsLines = lines.filter((l) => l.includes('Ваш код підтвердження'));
    expect(smsLines).toHaveLength(1);
    const code = /підтвердження: (\d{4})/.exec(smsLines[0])![1];
    expect(smsLines[0]).toContain('+38097*****67');
    await t.http
      .patch(`/api/verifications/${ENCODED}/actions/complete`)
      .set('Authorization', bearer())
      .send({ code: Number(code) })
      .expect(200);
    const all = lines.join('\n');
    expect(all).not.toContain('380971234567');
    expect(all).not.toContain('%2B380971234567');
    expect(lines.filter((l) => l.includes(code))).toEqual(smsLines);
  });

  it.each([
    '%2b38097000999%35',
    '%2B%33%38%30%39%37%30%30%30%39%39%39%35',
    '%252B380970009995',
    '380970009995',
    '%2B380970009995%3Fx%3D1',
  ])('masks a phone written %s in a path, in every decoding of the log', async (written) => {
    await t.http
      .patch(`/api/verifications/${written}/actions/complete`)
      .set('Authorization', bearer())
      .send({ code: 1234 });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      for (const form of decodings(line)) expect(form).not.toMatch(/380\d{9}/);
    }
  });

  /** Nine digits with only number punctuation between them (read independently of the code). */
  const NINE_DIGITS = /\d(?:[\s+.()_-]*\d){8}/;

  it.each([
    ['0631112294', '0631112294'],
    ['%2B38%20063%20111%2022%2094', '380631112294'],
    ['%252B38%2520063%2520111%252022%252094', '380631112294'],
    ['063-111-22-94', '0631112294'],
    ['%2B38%20(063)%20111-22-94', '380631112294'],
    ['38+063+111+22+94', '380631112294'],
    [encodeURIComponent('０６３１１１２２９４'), '０６３１１１２２９４'],
  ])(
    'masks a phone written %s in a path (any run of nine digits), in every decoding of the log',
    async (written, digits) => {
      await t.http
        .patch(`/api/verifications/${written}/actions/complete`)
        .set('Authorization', bearer())
        .send({ code: 1234 })
        .expect(404);
      const urls = lines
        .map((l) => (JSON.parse(l) as { req?: { url?: string } }).req?.url)
        .filter((url): url is string => url !== undefined);
      expect(urls).toHaveLength(1);
      for (const form of decodings(urls[0])) {
        expect(form.normalize('NFKC')).not.toMatch(NINE_DIGITS);
      }
      for (const line of lines) {
        for (const form of decodings(line))
          expect(form.replace(/[^\p{Nd}]/gu, '')).not.toContain(digits);
      }
    },
  );

  it.each(['+380971234567', '380971234567', '063-111-22-94', 'mis+38 063 111 22 94'])(
    'does not take X-Request-ID %j (a phone, or not of the id characters): a new id is logged',
    async (sent) => {
      const res = await t.http.get('/health/live').set('X-Request-ID', sent).expect(200);
      expect(res.body.meta.request_id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(res.headers['x-request-id']).toBe(res.body.meta.request_id);
      const logged = lines.map((l) => JSON.parse(l) as { request_id?: string });
      expect(logged.map((l) => l.request_id)).toEqual([res.body.meta.request_id]);
      expect(lines.join('\n')).not.toContain(sent.replace(/\D/g, '').slice(-9));
    },
  );

  it('puts the request id on every line of a request, the log line of the route included', async () => {
    const res = await t.http
      .post('/api/verifications')
      .set('Authorization', bearer())
      .set('X-Request-ID', 'mis-request-42')
      .send({ phone_number: '+380501112233' })
      .expect(200);
    expect(res.headers['x-request-id']).toBe('mis-request-42');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((l) => l.msg)).toEqual(
      expect.arrayContaining([expect.stringContaining('SMS to'), 'request completed']),
    );
    for (const line of parsed) expect(line.request_id).toBe('mis-request-42');
  });

  it('logs a database error by class, code and constraint, without query, parameters or values', async () => {
    const error: unknown = await t.app
      .get(DataSource)
      .query('SELECT $1::uuid', [PHONE])
      .catch((e: unknown) => e);
    new Logger('HTTP').error({ err: error, request_id: 'r-1' }, 'Unhandled exception');
    const line = lines.find((l) => l.includes('Unhandled exception'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!).err).toMatchObject({ type: 'QueryFailedError', code: '22P02' });
    for (const form of decodings(line!)) expect(form).not.toMatch(/380\d{9}/);
    expect(line).not.toContain('SELECT');
    expect(line).not.toContain('parameters');
  });
});
