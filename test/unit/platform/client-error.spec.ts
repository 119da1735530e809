import { clientErrorAnswer } from '../../../src/platform/http/client-error.js';

const PUBLIC_URL = 'https://ehealth.example.gov.ua';

function parse(response: string): { status: number; headers: string; body: any } {
  const [head, body] = response.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), headers: head, body: JSON.parse(body) };
}

describe('answers to requests the HTTP parser refused', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'request_too_large', 'Request headers are too large'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'request_malformed', 'Request was not received in time'],
    ['HPE_INVALID_METHOD', 400, 'request_malformed', 'Malformed HTTP request'],
    [undefined, 400, 'request_malformed', 'Malformed HTTP request'],
  ])('answers %s with %i %s in the envelope', (code, status, type, message) => {
    const answer = clientErrorAnswer({ code }, PUBLIC_URL);
    const { status: sent, headers, body } = parse(answer.response);
    expect(sent).toBe(status);
    expect(answer.status).toBe(status);
    expect(body).toEqual({
      meta: { code: status, url: `${PUBLIC_URL}/`, type: 'object', request_id: answer.requestId },
      error: { type, message },
    });
    expect(headers).toContain(`x-request-id: ${answer.requestId}`);
    expect(headers).toContain('Connection: close');
    expect(headers).toContain(`Content-Length: ${Buffer.byteLength(JSON.stringify(body))}`);
  });

  it.each([
    [
      'GET /api/v3/person_requests?page=1 HTTP/1.1\r\nHost: evil.example\r\nX: aaaa',
      '/api/v3/person_requests',
    ],
    ['PUT /api/uploads/a/b/PASSPORT.jpeg HTTP/1.1\r\n', '/api/uploads/a/b/PASSPORT.jpeg'],
    ['GET http://evil.example/x HTTP/1.1\r\n', '/'],
    ['GET /a"b\u0000 HTTP/1.1\r\n', '/'],
    [`GET /${'p'.repeat(5000)} HTTP/1.1\r\n`, '/'],
    ['\u0016\u0003\u0001 binary', '/'],
  ])('takes the path of a sane request line only: %j', (raw, path) => {
    const answer = clientErrorAnswer(
      { code: 'HPE_HEADER_OVERFLOW', rawPacket: Buffer.from(raw) },
      PUBLIC_URL,
    );
    const { body, headers } = parse(answer.response);
    expect(body.meta.url).toBe(`${PUBLIC_URL}${path}`);
    expect(answer.response).not.toContain('evil.example');
    expect(headers).not.toContain('evil.example');
  });
});
