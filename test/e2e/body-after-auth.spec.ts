import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';

/**
 * The token before the body: a request is authenticated from its headers before a byte of its
 * body is read, so an unauthenticated client cannot make the service hold its body in memory.
 * Refusals still reach a client that is sending a body, and connections are capped.
 */
const MiB = 1024 * 1024;
const PUBLIC_URL = 'https://ehealth.example.gov.ua/registry';
/** An upload URL of an unknown request with a wrong signature (403 before its body is read). */
const BAD_UPLOAD = `/api/uploads/person_requests/${randomUUID()}/PASSPORT.jpeg?expires=9999999999&signature=${'0'.repeat(64)}`;

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: any;
}

function portOf(t: TestApp): number {
  return (t.app.getHttpServer().address() as AddressInfo).port;
}

/** Parses one HTTP/1.1 answer with a Content-Length out of `bytes`, or undefined if incomplete. */
function parseAnswer(bytes: Buffer): Answer | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const at = line.indexOf(':');
      return [line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()];
    }),
  );
  const length = Number(headers['content-length']);
  const body = bytes.subarray(end + 4);
  if (body.length < length) return undefined;
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: JSON.parse(body.subarray(0, length).toString('utf8')),
  };
}

/**
 * Sends a request head and the first part of its body, never the rest, and resolves with the
 * answer. If the service read the body before answering, no answer could come: the rest is
 * held until the socket is closed. Rejects when no answer came within `waitMs`.
 */
function answerWhileHolding(
  port: number,
  head: string,
  part: Buffer,
  waitMs = 10_000,
): Promise<{ answer: Answer; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${waitMs} ms while the rest of the body was held`));
    }, waitMs).unref();
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parseAnswer(received);
      if (answer) {
        clearTimeout(timer);
        resolve({ answer, socket });
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.write(head);
    socket.write(part);
  });
}

/** A request head declaring a body of `length` bytes. */
function headOf(
  method: string,
  path: string,
  length: number,
  headers: Record<string, string> = {},
): string {
  const lines = Object.entries({
    Host: 'localhost',
    'Content-Type': 'application/json',
    'Content-Length': String(length),
    ...headers,
  }).map(([name, value]) => `${name}: ${value}`);
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

/** The start of a JSON body: an unfinished string, as a body cut in transit looks. */
const partOfBody = (size: number): Buffer =>
  Buffer.from(`{"first_name":"${'x'.repeat(size - 15)}`, 'latin1');

/** `{"first_name":"xxx…"}` of exactly `size` bytes. */
const jsonOf = (size: number): Buffer =>
  Buffer.from(`{"first_name":"${'x'.repeat(size - 17)}"}`, 'latin1');

/** Resolves when `condition` holds, polling; rejects after `ms`. */
async function until(condition: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function connections(server: Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

describe('the token before the body', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL }, listen: true });
    base = `http://127.0.0.1:${portOf(t)}`;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('answers from the headers while the client still holds most of a declared body', () => {
    it.each([
      [
        'no token: 401',
        'POST',
        '/api/persons',
        {},
        401,
        {
          type: 'access_denied',
          message: "Authorization header is not set or doesn't contain Bearer token",
        },
      ],
      [
        'a bad token: 401',
        'POST',
        '/api/persons',
        { Authorization: 'Bearer a.b.c' },
        401,
        { type: 'access_denied', message: 'Invalid access token' },
      ],
      [
        'a token without the scope: 403',
        'POST',
        '/api/persons',
        { Authorization: `Bearer ${tokenFor('person:read')}` },
        403,
        {
          type: 'forbidden',
          message:
            'Your scope does not allow to access this resource. Missing allowances: person:write',
        },
      ],
      [
        'an unknown path: 404',
        'POST',
        '/api/nothing-here',
        {},
        404,
        { type: 'not_found', message: 'Cannot POST /api/nothing-here' },
      ],
      [
        'an upload URL with a bad signature: 403',
        'PUT',
        BAD_UPLOAD,
        { 'Content-Type': 'image/jpeg' },
        403,
        { type: 'forbidden', message: 'Upload URL signature is invalid or expired' },
      ],
    ])(
      '%s',
      async (_name, method, path, headers, status, error) => {
        const { answer, socket } = await answerWhileHolding(
          portOf(t),
          headOf(method, path, MiB, headers),
          partOfBody(64 * 1024),
        );
        socket.destroy();
        expect(answer.status).toBe(status);
        expect(answer.body.error).toEqual(error);
        expect(answer.body.meta).toEqual(
          expect.objectContaining({ code: status, request_id: answer.headers['x-request-id'] }),
        );
        // The rest of the body never came: the connection cannot be reused.
        expect(answer.headers.connection).toBe('close');
      },
      20_000,
    );

    it('answers a public route without reading the body it was sent', async () => {
      const { answer, socket } = await answerWhileHolding(
        portOf(t),
        headOf('GET', '/health/live', MiB),
        partOfBody(64 * 1024),
      );
      socket.destroy();
      expect(answer.status).toBe(200);
    }, 20_000);

    it('reads the body once the token is accepted: the whole body, then its validation', async () => {
      const body = jsonOf(256 * 1024);
      const { answer, socket } = await answerWhileHolding(
        portOf(t),
        headOf('POST', '/api/persons', body.length, {
          Authorization: `Bearer ${tokenFor('person:write')}`,
        }),
        body,
      );
      socket.destroy();
      expect(answer.status).toBe(422);
      expect(answer.body.error.type).toBe('validation_failed');
    });
  });

  describe('a refusal reaches a client that is sending a large body (Node fetch)', () => {
    const cases: [string, string, string, Record<string, string>, number, number, string][] = [
      ['401, no token, 5 MiB of JSON', 'POST', '/api/persons', {}, 5 * MiB, 401, 'access_denied'],
      ['401, no token, 12 MiB of JSON', 'POST', '/api/persons', {}, 12 * MiB, 401, 'access_denied'],
      [
        '413, a token, 5 MiB of JSON',
        'POST',
        '/api/persons',
        { Authorization: `Bearer ${tokenFor('person:write')}` },
        5 * MiB,
        413,
        'request_too_large',
      ],
      [
        '413, a token, 12 MiB of JSON',
        'POST',
        '/api/persons',
        { Authorization: `Bearer ${tokenFor('person:write')}` },
        12 * MiB,
        413,
        'request_too_large',
      ],
      [
        '403, a bad upload signature, 12 MiB',
        'PUT',
        BAD_UPLOAD,
        { 'Content-Type': 'image/jpeg' },
        12 * MiB,
        403,
        'forbidden',
      ],
    ];

    it.each(cases)(
      '%s: the answer arrives, five times in a row',
      async (_name, method, path, headers, size, status, type) => {
        const body = jsonOf(size);
        for (let run = 0; run < 5; run++) {
          const res = await fetch(`${base}${path}`, {
            method,
            headers: { 'Content-Type': 'application/json', ...headers },
            body,
          });
          expect({ run, status: res.status }).toEqual({ run, status });
          const envelope = (await res.json()) as { error: { type: string } };
          expect(envelope.error.type).toBe(type);
        }
      },
      60_000,
    );
  });

  it('answers a client that is still sending past 10 MiB and reads only once it is done', async () => {
    const fast = Buffer.alloc(10 * MiB + 64 * 1024, 0x61);
    const tail = Array.from({ length: 32 }, () => Buffer.alloc(64 * 1024, 0x61));
    const length = fast.length + tail.length * 64 * 1024;
    const write = (socket: Socket, chunk: Buffer | string): Promise<void> =>
      new Promise((resolve, reject) =>
        socket.write(chunk, (error) => (error ? reject(error) : resolve())),
      );
    const socket = connect(portOf(t), '127.0.0.1');
    socket.pause();
    const failed = new Promise<never>((_resolve, reject) => socket.on('error', reject));
    const sent = (async () => {
      await write(socket, headOf('PUT', BAD_UPLOAD, length, { 'Content-Type': 'image/jpeg' }));
      await write(socket, fast);
      // The rest trickles in while the service, past its 10 MiB, has already answered.
      for (const chunk of tail) {
        await write(socket, chunk);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await Promise.race([sent, failed]);
    // Only now does the client read: the answer waited in the connection.
    const received = await Promise.race([
      new Promise<Buffer>((resolve) => {
        const chunks: Buffer[] = [];
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('end', () => resolve(Buffer.concat(chunks)));
        socket.resume();
      }),
      failed,
    ]);
    socket.destroy();
    const answer = parseAnswer(received);
    expect(answer?.status).toBe(403);
    expect(answer?.headers.connection).toBe('close');
  }, 20_000);

  describe('server limits', () => {
    it('applies the configured time limits and connection cap to the server', () => {
      const server = t.app.getHttpServer();
      expect({
        maxConnections: server.maxConnections,
        headersTimeout: server.headersTimeout,
        requestTimeout: server.requestTimeout,
        keepAliveTimeout: server.keepAliveTimeout,
      }).toEqual({
        maxConnections: t.config.http.maxConnections,
        headersTimeout: t.config.http.headersTimeoutMs,
        requestTimeout: t.config.http.requestTimeoutMs,
        keepAliveTimeout: t.config.http.keepAliveTimeoutMs,
      });
    });
  });
});

describe('connection cap (HTTP_MAX_CONNECTIONS=3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { HTTP_MAX_CONNECTIONS: '3' }, listen: true });
  });
  afterAll(async () => {
    await t.close();
  });

  /** A connection that has sent part of a request head and holds it. */
  function holdingConnection(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(portOf(t), '127.0.0.1', () => {
        socket.write('GET /health/live HTTP/1.1\r\nHost: localhost\r\n');
        resolve(socket);
      });
      socket.on('error', reject);
    });
  }

  /** Opens a connection and resolves once the server closed it, with what it had received. */
  function closedByServer(): Promise<{ received: number }> {
    return new Promise((resolve) => {
      let received = 0;
      const socket = connect(portOf(t), '127.0.0.1', () => {
        socket.write('GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n', () => undefined);
      });
      socket.on('data', (chunk: Buffer) => (received += chunk.length));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve({ received }));
    });
  }

  it('refuses connections past the cap, and answers again once they go', async () => {
    const server = t.app.getHttpServer();
    const held = [await holdingConnection(), await holdingConnection(), await holdingConnection()];
    await until(async () => (await connections(server)) === 3);

    const refused = await Promise.all([closedByServer(), closedByServer()]);
    expect(refused).toEqual([{ received: 0 }, { received: 0 }]);
    expect(await connections(server)).toBe(3);

    for (const socket of held) socket.destroy();
    await until(async () => {
      const res = await fetch(`http://127.0.0.1:${portOf(t)}/health/live`).catch(() => undefined);
      return res?.status === 200;
    });
  }, 30_000);
});

describe('time limits (HTTP_HEADERS_TIMEOUT_MS=1000, HTTP_REQUEST_TIMEOUT_MS=2000)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: { HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000' },
      listen: true,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 408 in the envelope to a head that does not arrive in time', async () => {
    const { answer, socket } = await answerWhileHolding(
      portOf(t),
      'GET /health/live HTTP/1.1\r\nHost: localhost\r\n',
      Buffer.alloc(0),
    );
    socket.destroy();
    expect(answer.status).toBe(408);
    expect(answer.body.error).toEqual({
      type: 'request_malformed',
      message: 'Request was not received in time',
    });
  }, 20_000);

  it('answers 408 to an authenticated body that does not arrive in time', async () => {
    const { answer, socket } = await answerWhileHolding(
      portOf(t),
      headOf('POST', '/api/persons', MiB, {
        Authorization: `Bearer ${tokenFor('person:write')}`,
      }),
      partOfBody(64 * 1024),
    );
    socket.destroy();
    expect(answer.status).toBe(408);
  }, 20_000);
});
