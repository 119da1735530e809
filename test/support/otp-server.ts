import { randomInt, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How the fake registry OTP service answers:
 * - `normal`: the contract (docs/domain-rules.md, OTP verification), statuses in lower case;
 * - `error`: 500 to everything; `hang`: never answers; `garbage`: 200/201 with a non-JSON body;
 * - `rate-limited`: 429, with `Retry-After` when `retryAfter` is given;
 * - `close`: destroys the connection without an answer;
 * - `reply`: answers every request with the given status and body.
 */
export type OtpServerBehaviour =
  | { readonly kind: 'normal' }
  | { readonly kind: 'error' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'garbage' }
  | { readonly kind: 'rate-limited'; readonly retryAfter?: string }
  | { readonly kind: 'close' }
  | { readonly kind: 'reply'; readonly status: number; readonly body: unknown };

export interface RecordedRequest {
  readonly method: string;
  /** The raw request path, as sent (percent-encoded). */
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly rawBody: string;
  readonly body: unknown;
}

interface Verification {
  readonly id: string;
  readonly code: number;
  status: 'new' | 'verified' | 'canceled' | 'expired';
  attempts: number;
  codeExpiredAt: Date;
}

export interface OtpServerOptions {
  readonly maxAttempts?: number;
  readonly ttlMinutes?: number;
}

/** A real HTTP server that speaks the registry's OTP verification contract, for adapter tests. */
export class FakeOtpServer {
  readonly requests: RecordedRequest[] = [];
  private behaviour: OtpServerBehaviour = { kind: 'normal' };
  private readonly verifications = new Map<string, Verification>();
  private readonly verified = new Set<string>();
  private readonly maxAttempts: number;
  private readonly ttlMinutes: number;

  private constructor(
    private readonly server: Server,
    options: OtpServerOptions,
  ) {
    this.maxAttempts = options.maxAttempts ?? 3;
    this.ttlMinutes = options.ttlMinutes ?? 15;
  }

  /** Starts the server on a free loopback port. */
  static async start(options: OtpServerOptions = {}): Promise<FakeOtpServer> {
    const holder: { fake?: FakeOtpServer } = {};
    const server = createServer((req, res) => void holder.fake?.handle(req, res));
    const fake = new FakeOtpServer(server, options);
    holder.fake = fake;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  behave(behaviour: OtpServerBehaviour): void {
    this.behaviour = behaviour;
  }

  /** Back to the contract, with no verifications and no recorded requests. */
  reset(): void {
    this.behaviour = { kind: 'normal' };
    this.verifications.clear();
    this.verified.clear();
    this.requests.length = 0;
  }

  /** The code of the phone's live verification, as the SMS would carry it. */
  lastCodeFor(phoneNumber: string): string | undefined {
    const code = this.verifications.get(phoneNumber)?.code;
    return code === undefined ? undefined : String(code);
  }

  /** Makes the phone's live code expire now. */
  expire(phoneNumber: string): void {
    const verification = this.verifications.get(phoneNumber);
    if (verification) verification.codeExpiredAt = new Date(Date.now() - 1000);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = rawBody === '' ? undefined : JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
    this.requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      rawBody,
      body,
    });
    const behaviour = this.behaviour;
    switch (behaviour.kind) {
      case 'hang':
        return;
      case 'close':
        req.socket.destroy();
        return;
      case 'error':
        return json(res, 500, { error: { type: 'internal_error', message: 'boom' } });
      case 'garbage':
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'text/html' });
        res.end('<html>Bad gateway</html>');
        return;
      case 'rate-limited':
        if (behaviour.retryAfter !== undefined) res.setHeader('retry-after', behaviour.retryAfter);
        return json(res, 429, { error: { type: 'too_many_requests', message: 'Slow down' } });
      case 'reply':
        return json(res, behaviour.status, behaviour.body);
      case 'normal':
        return this.contract(req.method ?? '', req.url ?? '', body, res);
    }
  }

  private contract(method: string, url: string, body: unknown, res: ServerResponse): void {
    const complete = /^\/verifications\/([^/]+)\/actions\/complete$/.exec(url);
    const one = /^\/verifications\/([^/]+)$/.exec(url);
    if (method === 'POST' && url === '/verifications') {
      const phone = (body as { phone_number?: unknown } | undefined)?.phone_number;
      if (typeof phone !== 'string')
        return json(res, 422, { error: { type: 'validation_failed' } });
      const previous = this.verifications.get(phone);
      if (previous) previous.status = 'canceled';
      const verification: Verification = {
        id: randomUUID(),
        code: randomInt(1000, 10_000),
        status: 'new',
        attempts: 0,
        codeExpiredAt: new Date(Date.now() + this.ttlMinutes * 60_000),
      };
      this.verifications.set(phone, verification);
      return json(res, 201, { data: present(verification) });
    }
    if (method === 'PATCH' && complete) {
      const phone = decodeURIComponent(complete[1]);
      const verification = this.verifications.get(phone);
      if (!verification || verification.status !== 'new') {
        return json(res, 404, { error: { type: 'not_found', message: 'Not found' } });
      }
      if (verification.codeExpiredAt.getTime() <= Date.now()) {
        return forbidden(res, 'Verification code expired');
      }
      if (verification.attempts >= this.maxAttempts) {
        return forbidden(res, 'Maximum attempts exceed');
      }
      if ((body as { code?: unknown } | undefined)?.code !== verification.code) {
        verification.attempts += 1;
        return forbidden(res, 'Invalid verification code');
      }
      verification.status = 'verified';
      this.verified.add(phone);
      return json(res, 200, { data: present(verification) });
    }
    if (method === 'GET' && one) {
      const phone = decodeURIComponent(one[1]);
      if (!this.verified.has(phone)) {
        return json(res, 404, { error: { type: 'not_found', message: 'Not found' } });
      }
      return json(res, 200, { data: { phone_number: phone, status: 'verified' } });
    }
    return json(res, 404, { error: { type: 'not_found', message: 'Route not found' } });
  }
}

function present(v: Verification): Record<string, unknown> {
  return {
    id: v.id,
    status: v.status,
    code_expired_at: v.codeExpiredAt.toISOString(),
    active: v.status === 'new',
  };
}

function forbidden(res: ServerResponse, message: string): void {
  json(res, 403, { error: { type: 'forbidden', message } });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
