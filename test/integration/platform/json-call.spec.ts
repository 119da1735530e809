import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import {
  callJson,
  DEFAULT_MAX_ANSWER_BYTES,
  OutboundFailure,
} from '../../../src/platform/http/json-call.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

interface Seen {
  readonly method: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

const MiB = 1024 * 1024;

async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves when the first of `events` is emitted, leaving no listener behind. */
function first(res: ServerResponse, ...events: string[]): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      for (const event of events) res.off(event, done);
      resolve();
    };
    for (const event of events) res.on(event, done);
  });
}

/** Writes `chunk` until the client goes away or `limit` bytes are out, honouring backpressure. */
async function stream(res: ServerResponse, chunk: Buffer, limit: number): Promise<number> {
  let sent = 0;
  while (sent < limit && !res.destroyed) {
    sent += chunk.length;
    if (!res.write(chunk)) await first(res, 'drain', 'close');
  }
  return sent;
}

describe('callJson against a real HTTP server', () => {
  let server: Server;
  let url: string;
  let handler: Handler;
  let seen: Seen[];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (part: Buffer) => parts.push(part));
      req.on('end', () => {
        const body = Buffer.concat(parts).toString('utf8');
        seen.push({ method: req.method ?? '', headers: req.headers, body });
        handler(req, res, body);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    seen = [];
    handler = (_req, res) => res.end();
  });

  /** The OutboundFailure the call rejects with (anything else fails the test). */
  const failureOf = async (call: Promise<unknown>): Promise<OutboundFailure> => {
    const error = await call.then(
      () => new Error('the call succeeded'),
      (e: unknown) => e,
    );
    if (!(error instanceof OutboundFailure)) throw error;
    return error;
  };

  it('sends JSON and returns the status, the headers and the parsed body', async () => {
    handler = (_req, res, body) => {
      res.writeHead(201, { 'content-type': 'application/json', 'retry-after': '7' });
      res.end(JSON.stringify({ echo: JSON.parse(body) as unknown }));
    };

    const answer = await callJson(`${url}/things`, {
      method: 'POST',
      headers: { 'x-request-id': 'r-1' },
      body: { name: 'Олена' },
      timeoutMs: 2_000,
    });

    expect(answer.status).toBe(201);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(answer.json).toEqual({ echo: { name: 'Олена' } });
    expect(seen[0]).toMatchObject({ method: 'POST', body: '{"name":"Олена"}' });
    expect(seen[0].headers).toMatchObject({
      accept: 'application/json',
      'content-type': 'application/json',
      'x-request-id': 'r-1',
    });
  });

  it('sends a form as application/x-www-form-urlencoded, UTF-8 and its length declared', async () => {
    handler = (_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"sid":"SM1"}');
    };

    const answer = await callJson(`${url}/Messages.json`, {
      method: 'POST',
      form: { To: '+380971234567', Body: 'Ваш код: 1234 & більше' },
      timeoutMs: 2_000,
    });

    expect(answer).toMatchObject({ status: 201, json: { sid: 'SM1' } });
    const sent = new URLSearchParams(seen[0].body);
    expect(Object.fromEntries(sent)).toEqual({
      To: '+380971234567',
      Body: 'Ваш код: 1234 & більше',
    });
    expect(seen[0].headers).toMatchObject({
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'content-length': String(Buffer.byteLength(seen[0].body)),
    });
  });

  it('answers a redirect as it is, without following it', async () => {
    handler = (_req, res) => {
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    };

    await expect(
      callJson(url, { method: 'POST', body: {}, timeoutMs: 2_000 }),
    ).resolves.toMatchObject({ status: 302, json: undefined });
    expect(seen).toHaveLength(1);
  });

  it('sends no body and no content-type when there is no body', async () => {
    await callJson(url, { method: 'GET', timeoutMs: 2_000 });

    expect(seen[0].body).toBe('');
    expect(seen[0].headers['content-type']).toBeUndefined();
    expect(seen[0].headers.accept).toBe('application/json');
  });

  it.each<[string, string]>([
    ['an HTML page', '<html>Bad gateway</html>'],
    ['an empty body', ''],
    ['JSON cut short', '{"data":'],
  ])('answers %s with json undefined, keeping the status', async (_name, text) => {
    handler = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(text);
    };

    await expect(callJson(url, { method: 'GET', timeoutMs: 2_000 })).resolves.toMatchObject({
      status: 502,
      json: undefined,
    });
  });

  it('reads a body of exactly maxBytes, chunked or not', async () => {
    const text = JSON.stringify({ pad: 'x'.repeat(1000) });
    const size = Buffer.byteLength(text);
    handler = (req, res) => {
      if (req.url === '/chunked') {
        res.write(text.slice(0, 10));
        res.end(text.slice(10));
      } else {
        res.end(text);
      }
    };

    for (const path of ['/length', '/chunked']) {
      await expect(
        callJson(`${url}${path}`, { method: 'GET', timeoutMs: 2_000, maxBytes: size }),
      ).resolves.toMatchObject({ status: 200, json: { pad: 'x'.repeat(1000) } });
    }
  });

  describe('fails with an OutboundFailure', () => {
    it('on a timeout while waiting for the answer', async () => {
      handler = () => undefined; // never answers

      const started = Date.now();
      const failure = await failureOf(callJson(url, { method: 'GET', timeoutMs: 150 }));

      expect(failure).toMatchObject({
        reason: 'timeout',
        message: 'timed out after 150 ms',
        connected: true,
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    });

    it('on a timeout while the body is being read', async () => {
      handler = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data":'); // and never more
      };

      await expect(
        failureOf(callJson(url, { method: 'GET', timeoutMs: 150 })),
      ).resolves.toMatchObject({ reason: 'timeout' });
    });

    it('on a refused connection', async () => {
      const failure = await failureOf(
        callJson(`http://127.0.0.1:${await closedPort()}`, { method: 'GET', timeoutMs: 2_000 }),
      );

      expect(failure).toMatchObject({
        reason: 'network',
        message: 'failed to connect or read the answer',
        connected: false,
      });
    });

    it('on a connection reset after the request was read, saying it was connected', async () => {
      handler = (req) => req.socket.destroy();

      await expect(
        failureOf(callJson(url, { method: 'POST', body: { a: 1 }, timeoutMs: 2_000 })),
      ).resolves.toMatchObject({ reason: 'network', connected: true });
      expect(seen).toHaveLength(1);
    });

    it('on a TLS handshake that never ends, saying nothing was connected', async () => {
      // Accepts TCP connections and never speaks TLS: the connection is never open for HTTP.
      const silent = createTcpServer((socket) => socket.resume());
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as { port: number };
      try {
        const failure = await failureOf(
          callJson(`https://127.0.0.1:${port}/`, { method: 'POST', body: {}, timeoutMs: 150 }),
        );
        expect(failure).toMatchObject({ reason: 'timeout', connected: false });
      } finally {
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
    });

    it('on a connection dropped in the middle of the body', async () => {
      handler = (_req, res) => {
        res.writeHead(200, { 'content-length': '100' });
        res.write('{"data":', () => res.destroy());
      };

      await expect(
        failureOf(callJson(url, { method: 'GET', timeoutMs: 2_000 })),
      ).resolves.toMatchObject({ reason: 'network' });
    });

    it('on a declared length over maxBytes, without waiting for the body, dropping the connection', async () => {
      let closed!: Promise<void>;
      handler = (_req, res) => {
        closed = first(res, 'close');
        res.writeHead(200, { 'content-length': String(100 * MiB) });
        res.flushHeaders(); // the head only: a client that waited for the body would time out
      };

      const started = Date.now();
      const failure = await failureOf(
        callJson(url, { method: 'GET', timeoutMs: 10_000, maxBytes: 1024 }),
      );

      expect(failure).toMatchObject({
        reason: 'too_large',
        message: 'answered with a body over 1024 bytes',
      });
      expect(Date.now() - started).toBeLessThan(5_000);
      await closed;
    });

    it('on an undeclared (chunked) body past maxBytes, as soon as the limit is passed', async () => {
      let closed!: Promise<number>;
      handler = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        closed = stream(res, Buffer.alloc(64 * 1024, 0x20), 1024 * MiB);
      };

      const failure = await failureOf(callJson(url, { method: 'GET', timeoutMs: 10_000 }));

      expect(failure).toMatchObject({
        reason: 'too_large',
        message: `answered with a body over ${DEFAULT_MAX_ANSWER_BYTES} bytes`,
      });
      expect(await closed).toBeLessThan(16 * MiB);
    });

    it('on one byte over maxBytes', async () => {
      handler = (_req, res) => res.end('"' + 'x'.repeat(1023) + '"');

      await expect(
        failureOf(callJson(url, { method: 'GET', timeoutMs: 2_000, maxBytes: 1024 })),
      ).resolves.toMatchObject({ reason: 'too_large' });
    });
  });
});
