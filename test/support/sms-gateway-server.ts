import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeHttpService, json, type ServiceFault } from './fake-http-service.js';

export const SMS_GATEWAY_TOKEN = 'sms-gateway-test-token';

/**
 * How the fake SMS gateway answers:
 * - `normal`: the contract (below);
 * - `refuse`: the given 4xx status with a JSON error body;
 * - the faults of every fake service (`garbage` is 200 with an HTML body, which this contract
 *   takes as success; `not-http` is an answer that is not HTTP at all).
 */
export type SmsGatewayBehaviour =
  { readonly kind: 'normal' } | { readonly kind: 'refuse'; readonly status: number } | ServiceFault;

type OwnBehaviour = Exclude<SmsGatewayBehaviour, ServiceFault>;

export interface GatewayMessage {
  readonly to: string;
  readonly text: string;
}

/**
 * A real HTTP server that speaks the generic SMS gateway contract: `POST /send` with the JSON
 * `{ "to", "text" }` and `Authorization: Bearer <SMS_GATEWAY_TOKEN>` (401 otherwise); 200 with
 * `{ "id" }` when both are strings, 422 otherwise. Every message it received, accepted or not, is
 * in `received` (a gateway that failed may still have sent it).
 */
export class FakeSmsGateway extends FakeHttpService<OwnBehaviour> {
  private constructor() {
    super({ kind: 'normal' });
  }

  static start(): Promise<FakeSmsGateway> {
    return new FakeSmsGateway().listen();
  }

  /** Where the service sends its messages. */
  get sendUrl(): string {
    return `${this.url}/send`;
  }

  /** Every message that reached the gateway, whatever it answered. */
  get received(): GatewayMessage[] {
    return this.requests.flatMap((r) => {
      const body = r.body as Partial<GatewayMessage> | undefined;
      return typeof body?.to === 'string' && typeof body.text === 'string'
        ? [{ to: body.to, text: body.text }]
        : [];
    });
  }

  /** The code of the last message that reached the gateway for the phone; throws when none. */
  lastCodeFor(phoneNumber: string): string {
    const last = this.received.filter((m) => m.to === phoneNumber).at(-1);
    const code = last ? /\d{4,12}/.exec(last.text)?.[0] : undefined;
    if (code === undefined) throw new Error('No code reached the gateway for that phone');
    return code;
  }

  protected contract(
    req: IncomingMessage,
    body: unknown,
    res: ServerResponse,
    behaviour: OwnBehaviour,
  ): void {
    if (req.method !== 'POST' || req.url !== '/send') {
      return json(res, 404, { error: 'not found' });
    }
    if (req.headers.authorization !== `Bearer ${SMS_GATEWAY_TOKEN}`) {
      return json(res, 401, { error: 'unauthorized' });
    }
    if (behaviour.kind === 'refuse') return json(res, behaviour.status, { error: 'refused' });
    const message = body as Partial<GatewayMessage> | undefined;
    if (typeof message?.to !== 'string' || typeof message.text !== 'string') {
      return json(res, 422, { error: 'to and text are required' });
    }
    json(res, 200, { id: randomUUID() });
  }
}
