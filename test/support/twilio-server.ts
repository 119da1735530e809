import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeHttpService, json, type ServiceFault } from './fake-http-service.js';

/** A test account: Twilio's sids are two letters and 32 hex digits. */
export const TWILIO_ACCOUNT = {
  sid: `AC${'5b0e5c2d9f3a4b7c8d1e2f3a4b5c6d7e'}`,
  authToken: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
  messagingServiceSid: `MG${'0a1b2c3d4e5f60718293a4b5c6d7e8f9'}`,
} as const;

/**
 * How the fake Twilio answers:
 * - `normal`: the Messages API as documented (below);
 * - `refuse`: Twilio's error answer with the given HTTP status and error code (400 with 21211
 *   for a number it will not send to, 429 with 20429, ...);
 * - the faults of every fake service (`garbage` is 201 with an HTML body).
 */
export type TwilioBehaviour =
  | { readonly kind: 'normal' }
  | { readonly kind: 'refuse'; readonly status: number; readonly code: number }
  | ServiceFault;

type OwnBehaviour = Exclude<TwilioBehaviour, ServiceFault>;

/** One message Twilio accepted. */
export interface TwilioMessage {
  readonly sid: string;
  readonly to: string;
  readonly from: string | null;
  readonly messagingServiceSid: string | null;
  readonly body: string;
}

const E164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * A real HTTP server that speaks Twilio's Messages API for adapter tests:
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, HTTP basic auth with the account sid
 * and its auth token (401 and Twilio's error 20003 otherwise), a form body
 * (`application/x-www-form-urlencoded`) with `To` (E.164, else 400 and 21211), `Body` (else
 * 21602) and `From` or `MessagingServiceSid` (else 21603); 201 with the message resource
 * (`sid`, `status: "queued"`, ...). Errors are Twilio's `{ code, message, more_info, status }`.
 */
export class FakeTwilio extends FakeHttpService<OwnBehaviour> {
  readonly messages: TwilioMessage[] = [];

  private constructor() {
    super({ kind: 'normal' });
  }

  static start(): Promise<FakeTwilio> {
    return new FakeTwilio().listen();
  }

  override reset(): void {
    super.reset();
    this.messages.length = 0;
  }

  /** The code in the last message Twilio accepted for the phone; throws when there is none. */
  lastCodeFor(phoneNumber: string): string {
    const last = this.messages.filter((m) => m.to === phoneNumber).at(-1);
    const code = last ? /\d{4,12}/.exec(last.body)?.[0] : undefined;
    if (code === undefined) throw new Error('Twilio accepted no code for that phone');
    return code;
  }

  protected override garbageStatus(): number {
    return 201;
  }

  protected contract(
    req: IncomingMessage,
    _body: unknown,
    res: ServerResponse,
    behaviour: OwnBehaviour,
    rawBody: string,
  ): void {
    const path = `/2010-04-01/Accounts/${TWILIO_ACCOUNT.sid}/Messages.json`;
    if (req.method !== 'POST' || req.url !== path) {
      return twilioError(res, 404, 20404, 'The requested resource was not found');
    }
    const expected = `Basic ${Buffer.from(`${TWILIO_ACCOUNT.sid}:${TWILIO_ACCOUNT.authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      return twilioError(res, 401, 20003, 'Authenticate');
    }
    if (behaviour.kind === 'refuse') {
      return twilioError(res, behaviour.status, behaviour.code, 'Refused by the test');
    }
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return twilioError(res, 400, 21602, 'Message body is required.');
    }
    const form = new URLSearchParams(rawBody);
    const to = form.get('To');
    const text = form.get('Body');
    const from = form.get('From');
    const service = form.get('MessagingServiceSid');
    if (to === null || !E164.test(to)) {
      return twilioError(res, 400, 21211, `Invalid 'To' Phone Number: ${to ?? ''}`);
    }
    if (text === null || text === '')
      return twilioError(res, 400, 21602, 'Message body is required.');
    if (from === null && service === null) {
      return twilioError(res, 400, 21603, "The 'From' phone number is required.");
    }
    const sid = `SM${randomBytes(16).toString('hex')}`;
    this.messages.push({ sid, to, from, messagingServiceSid: service, body: text });
    const now = new Date().toUTCString().replace('GMT', '+0000');
    json(res, 201, {
      account_sid: TWILIO_ACCOUNT.sid,
      api_version: '2010-04-01',
      body: text,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from,
      messaging_service_sid: service,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid,
      status: service !== null && from === null ? 'accepted' : 'queued',
      subresource_uris: { media: `${path.replace('.json', '')}/${sid}/Media.json` },
      to,
      uri: `${path.replace('.json', '')}/${sid}.json`,
    });
  }
}

/** Twilio's error answer: `{ code, message, more_info, status }`. */
function twilioError(res: ServerResponse, status: number, code: number, message: string): void {
  json(res, status, {
    code,
    message,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
  });
}
