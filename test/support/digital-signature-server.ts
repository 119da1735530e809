import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A signer as the registry's digital-signature service describes it. */
export interface ServiceSigner {
  readonly drfo: string;
  readonly edrpou: string;
  readonly common_name: string;
  readonly [field: string]: string;
}

/**
 * How the fake digital-signature service answers:
 * - `normal`: the contract. Since it cannot verify real signatures, it treats `signed_content` as
 *   base64 of the JSON that was "signed": valid JSON → 200 with the content decoded as an object
 *   and one valid signature by `signer`; anything else → 422 on `$.signed_content`;
 * - `legacy`: as `normal`, in the older form (`is_valid`, `signer`, `validation_error_message`
 *   directly in `data`);
 * - `invalid`: 200 with `is_valid: false` and `message` (in the `signatures` form);
 * - `error`: 500; `hang`: never answers; `close`: destroys the connection; `garbage`: 200 HTML;
 * - `reply`: answers every request with the given status and JSON body.
 */
export type DigitalSignatureBehaviour =
  | { readonly kind: 'normal' }
  | { readonly kind: 'legacy' }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'error' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'close' }
  | { readonly kind: 'garbage' }
  | { readonly kind: 'reply'; readonly status: number; readonly body: unknown };

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

export const DEFAULT_SERVICE_SIGNER: ServiceSigner = {
  drfo: '3999869394',
  edrpou: '',
  common_name: 'Олена Тестова',
  given_name: 'Олена',
  surname: 'Тестова',
  country_name: 'UA',
  locality_name: 'Київ',
  organization_name: '',
  organizational_unit_name: '',
  state_or_province_name: 'Київ',
  title: '',
};

/** A real HTTP server speaking the registry's digital-signature contract, for adapter tests. */
export class FakeDigitalSignatureServer {
  readonly requests: RecordedRequest[] = [];
  signer: ServiceSigner = DEFAULT_SERVICE_SIGNER;
  private behaviour: DigitalSignatureBehaviour = { kind: 'normal' };

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeDigitalSignatureServer> {
    const holder: { fake?: FakeDigitalSignatureServer } = {};
    const server = createServer((req, res) => void holder.fake?.handle(req, res));
    const fake = new FakeDigitalSignatureServer(server);
    holder.fake = fake;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  behave(behaviour: DigitalSignatureBehaviour): void {
    this.behaviour = behaviour;
  }

  reset(): void {
    this.behaviour = { kind: 'normal' };
    this.signer = DEFAULT_SERVICE_SIGNER;
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      body = undefined;
    }
    this.requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
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
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>Bad gateway</html>');
        return;
      case 'reply':
        return json(res, behaviour.status, behaviour.body);
      default:
        return this.contract(req, body, res, behaviour);
    }
  }

  private contract(
    req: IncomingMessage,
    body: unknown,
    res: ServerResponse,
    behaviour: Extract<DigitalSignatureBehaviour, { kind: 'normal' | 'legacy' | 'invalid' }>,
  ): void {
    if (req.method !== 'POST' || req.url !== '/digital_signatures') {
      return json(res, 404, { error: { type: 'not_found', message: 'Route not found' } });
    }
    const signed = (body as { signed_content?: unknown } | undefined)?.signed_content;
    const content = typeof signed === 'string' ? decodeJson(signed) : undefined;
    if (content === undefined) {
      return json(res, 422, {
        error: {
          type: 'validation_failed',
          invalid: [
            {
              entry_type: 'json_data_property',
              entry: '$.signed_content',
              rules: [{ rule: 'invalid', description: 'Not a signed content', params: [] }],
            },
          ],
        },
      });
    }
    const verdict =
      behaviour.kind === 'invalid'
        ? { is_valid: false, signer: this.signer, validation_error_message: behaviour.message }
        : { is_valid: true, signer: this.signer, validation_error_message: '' };
    const data =
      behaviour.kind === 'legacy' ? { content, ...verdict } : { content, signatures: [verdict] };
    return json(res, 200, { meta: { code: 200 }, data });
  }
}

function decodeJson(base64: string): unknown {
  try {
    return JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
