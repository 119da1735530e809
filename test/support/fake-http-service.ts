import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a fake service received, as sent. */
export interface RecordedRequest {
  readonly method: string;
  /** The raw request path, as sent (percent-encoded). */
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly rawBody: string;
  /** The body parsed as JSON; undefined when it is empty or no JSON. */
  readonly body: unknown;
}

/**
 * The ways every fake service can fail its callers, whatever its contract:
 * - `error`: 500 to everything; `hang`: never answers; `close`: destroys the connection without
 *   an answer; `garbage`: the success status with a non-JSON (HTML) body; `not-http`: bytes that
 *   are no HTTP answer at all, then the connection closes;
 * - `reply`: answers every request with the given status and JSON body;
 * - `slow`: answers by the contract, but only `afterMs` after the request arrived (a caller
 *   with a shorter timeout has given up by then, not knowing what the service did).
 */
export type ServiceFault =
  | { readonly kind: 'slow'; readonly afterMs: number }
  | { readonly kind: 'error' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'close' }
  | { readonly kind: 'garbage' }
  | { readonly kind: 'not-http' }
  | { readonly kind: 'reply'; readonly status: number; readonly body: unknown };

const FAULTS = new Set<string>([
  'slow',
  'error',
  'hang',
  'close',
  'garbage',
  'not-http',
  'reply',
] satisfies ServiceFault['kind'][]);

function isFault(behaviour: { readonly kind: string }): behaviour is ServiceFault {
  return FAULTS.has(behaviour.kind);
}

/**
 * A real HTTP server on a free loopback port standing for one of the registry's services, for
 * adapter tests: it records every request, answers by its contract (`contract`, given the
 * behaviours of its own, `Own`), or fails in one of the `ServiceFault` ways on `behave`.
 */
export abstract class FakeHttpService<Own extends { readonly kind: string }> {
  readonly requests: RecordedRequest[] = [];
  private behaviour: Own | ServiceFault;
  private readonly late = new Set<NodeJS.Timeout>();
  private readonly server = createServer((req, res) => void this.handle(req, res));

  /** `normal` is the behaviour it starts with and returns to on `reset`. */
  protected constructor(private readonly normal: Own) {
    this.behaviour = normal;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  behave(behaviour: Own | ServiceFault): void {
    this.behaviour = behaviour;
  }

  /** Back to the normal behaviour, with no recorded requests. */
  reset(): void {
    this.behaviour = this.normal;
    this.requests.length = 0;
    for (const timer of this.late) clearTimeout(timer);
    this.late.clear();
  }

  async close(): Promise<void> {
    for (const timer of this.late) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Starts listening on a free loopback port (a subclass's `start` ends with this). */
  protected async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Answers by the service's contract, in one of its own behaviours (`rawBody`: as sent). */
  protected abstract contract(
    req: IncomingMessage,
    body: unknown,
    res: ServerResponse,
    behaviour: Own,
    rawBody: string,
  ): void;

  /** The status a `garbage` answer comes with: the one success would. */
  protected garbageStatus(_method: string): number {
    return 200;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const body = parseJson(rawBody);
    this.requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      rawBody,
      body,
    });
    const behaviour = this.behaviour;
    if (!isFault(behaviour)) return this.contract(req, body, res, behaviour, rawBody);
    switch (behaviour.kind) {
      case 'slow': {
        const timer = setTimeout(() => {
          this.late.delete(timer);
          this.contract(req, body, res, this.normal, rawBody);
        }, behaviour.afterMs);
        this.late.add(timer);
        return;
      }
      case 'hang':
        return;
      case 'close':
        req.socket.destroy();
        return;
      case 'error':
        return json(res, 500, { error: { type: 'internal_error', message: 'boom' } });
      case 'garbage':
        res.writeHead(this.garbageStatus(req.method ?? ''), { 'content-type': 'text/html' });
        res.end('<html>Bad gateway</html>');
        return;
      case 'not-http':
        req.socket.end('<html>Bad gateway</html>\r\n\r\n');
        return;
      case 'reply':
        return json(res, behaviour.status, behaviour.body);
    }
  }
}

function parseJson(raw: string): unknown {
  try {
    return raw === '' ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

/** Answers with `status` and `body` as JSON. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A loopback URL where nothing listens: a connection to it is refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
