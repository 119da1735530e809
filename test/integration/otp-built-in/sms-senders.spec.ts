import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { HttpGatewaySmsSender } from '../../../src/otp-built-in/adapters/sms/http-gateway-sms-sender.js';
import { TwilioSmsSender } from '../../../src/otp-built-in/adapters/sms/twilio-sms-sender.js';
import { NotSent } from '../../../src/otp/application/not-sent.js';
import type { SmsSender } from '../../../src/otp-built-in/application/sms-sender.port.js';
import type { TwilioSmsConfig } from '../../../src/platform/config/sms-config.js';
import { refusedUrl, type ServiceFault } from '../../support/fake-http-service.js';
import {
  FakeSmsGateway,
  SMS_GATEWAY_TOKEN,
  type SmsGatewayBehaviour,
} from '../../support/sms-gateway-server.js';
import { FakeTwilio, TWILIO_ACCOUNT, type TwilioBehaviour } from '../../support/twilio-server.js';

const PHONE = '+380971234567';
const TEXT = 'Ваш код підтвердження: 4821';
const TIMEOUT_MS = 200;
/** Far past the timeout: the sender has given up long before the gateway answers. */
const SLOW: ServiceFault = { kind: 'slow', afterMs: TIMEOUT_MS * 10 };

/**
 * What a send came to, as the SmsSender port defines it: `sent` (resolved), `not sent` (NotSent:
 * nothing can have gone out, the SMS budget gives the count back) or `unknown` (any other
 * rejection: it may have gone out, the count is kept).
 */
type Outcome = 'sent' | 'not sent' | 'unknown';

async function outcomeOf(send: Promise<void>): Promise<Outcome> {
  try {
    await send;
    return 'sent';
  } catch (error) {
    return error instanceof NotSent ? 'not sent' : 'unknown';
  }
}

/** The log lines of the current test, and of the whole file. */
const logged: string[] = [];
const everything: string[] = [];

beforeAll(() => {
  const capture = (message: unknown): void => {
    logged.push(String(message));
    everything.push(String(message));
  };
  for (const level of ['log', 'warn', 'error'] as const) {
    jest.spyOn(Logger.prototype, level).mockImplementation(capture);
  }
});
afterAll(() => {
  jest.restoreAllMocks();
});

describe('TwilioSmsSender against a server speaking Twilio’s Messages API', () => {
  let twilio: FakeTwilio;
  const config = (overrides: Partial<TwilioSmsConfig> = {}): TwilioSmsConfig => ({
    kind: 'twilio',
    apiUrl: twilio.url,
    accountSid: TWILIO_ACCOUNT.sid,
    authToken: TWILIO_ACCOUNT.authToken,
    from: 'eHealth',
    messagingServiceSid: undefined,
    ...overrides,
  });
  const sender = (overrides: Partial<TwilioSmsConfig> = {}): SmsSender =>
    new TwilioSmsSender(config(overrides), TIMEOUT_MS);

  beforeAll(async () => {
    twilio = await FakeTwilio.start();
  });
  afterAll(async () => {
    await twilio.close();
  });
  beforeEach(() => {
    twilio.reset();
    logged.length = 0;
  });

  it('posts the form with basic auth, and Twilio accepts the message', async () => {
    await expect(sender().send(PHONE, TEXT)).resolves.toBeUndefined();

    expect(twilio.messages).toEqual([
      {
        sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
        to: PHONE,
        from: 'eHealth',
        messagingServiceSid: null,
        body: TEXT,
      },
    ]);
    const [request] = twilio.requests;
    expect(request.url).toBe(`/2010-04-01/Accounts/${TWILIO_ACCOUNT.sid}/Messages.json`);
    expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(request.rawBody))).toEqual({
      To: PHONE,
      From: 'eHealth',
      Body: TEXT,
    });
  });

  it('sends through a messaging service when no sender is configured', async () => {
    const viaService = sender({
      from: undefined,
      messagingServiceSid: TWILIO_ACCOUNT.messagingServiceSid,
    });
    await expect(viaService.send(PHONE, TEXT)).resolves.toBeUndefined();
    expect(twilio.messages).toMatchObject([
      { from: null, messagingServiceSid: TWILIO_ACCOUNT.messagingServiceSid },
    ]);
  });

  it.each<[string, Outcome, TwilioBehaviour]>([
    [
      'refuses the number (400, error 21211)',
      'not sent',
      { kind: 'refuse', status: 400, code: 21211 },
    ],
    ['rate-limits (429, error 20429)', 'not sent', { kind: 'refuse', status: 429, code: 20429 }],
    ['answers 500', 'unknown', { kind: 'error' }],
    ['answers 503', 'unknown', { kind: 'refuse', status: 503, code: 20503 }],
    ['answers after the timeout', 'unknown', SLOW],
    ['never answers', 'unknown', { kind: 'hang' }],
    ['resets the connection after reading the request', 'unknown', { kind: 'close' }],
    ['answers 201 with an HTML body', 'unknown', { kind: 'garbage' }],
    [
      'answers 201 with JSON that is no message',
      'unknown',
      { kind: 'reply', status: 201, body: {} },
    ],
  ])('when Twilio %s, the send is %s', async (_name, outcome, behaviour) => {
    twilio.behave(behaviour);

    await expect(outcomeOf(sender().send(PHONE, TEXT))).resolves.toBe(outcome);
    expect(twilio.requests).toHaveLength(1);
  });

  it('logs Twilio’s error code and status, never its message (which quotes the phone)', async () => {
    twilio.behave({ kind: 'refuse', status: 400, code: 21211 });
    await expect(sender().send(PHONE, TEXT)).rejects.toBeInstanceOf(NotSent);
    expect(logged).toEqual(['Twilio answered 400 (error 21211)']);
  });

  it('is not sent with a wrong auth token (401), and says to check the credentials', async () => {
    const wrong = sender({ authToken: 'not-the-token' });

    await expect(outcomeOf(wrong.send(PHONE, TEXT))).resolves.toBe('not sent');
    expect(twilio.messages).toEqual([]);
    expect(logged).toEqual(['Twilio answered 401 (error 20003): check its credentials']);
  });

  it('is not sent when the connection is refused', async () => {
    const nowhere = sender({ apiUrl: await refusedUrl() });
    await expect(outcomeOf(nowhere.send(PHONE, TEXT))).resolves.toBe('not sent');
  });
});

describe('HttpGatewaySmsSender against a server speaking the generic gateway contract', () => {
  let gateway: FakeSmsGateway;
  const sender = (token: string = SMS_GATEWAY_TOKEN, url = gateway.sendUrl): SmsSender =>
    new HttpGatewaySmsSender({ url, token, timeoutMs: TIMEOUT_MS });

  beforeAll(async () => {
    gateway = await FakeSmsGateway.start();
  });
  afterAll(async () => {
    await gateway.close();
  });
  beforeEach(() => {
    gateway.reset();
    logged.length = 0;
  });

  it('posts { to, text } as JSON with the bearer token, and the gateway accepts it', async () => {
    await expect(sender().send(PHONE, TEXT)).resolves.toBeUndefined();

    expect(gateway.requests).toHaveLength(1);
    expect(gateway.requests[0]).toMatchObject({
      method: 'POST',
      url: '/send',
      body: { to: PHONE, text: TEXT },
    });
    expect(gateway.requests[0].headers).toMatchObject({
      authorization: `Bearer ${SMS_GATEWAY_TOKEN}`,
      'content-type': 'application/json',
    });
  });

  it.each<[string, Outcome, SmsGatewayBehaviour]>([
    ['answers 200 with an HTML body (any 2xx is acceptance)', 'sent', { kind: 'garbage' }],
    ['answers 204 with no body', 'sent', { kind: 'reply', status: 204, body: '' }],
    ['refuses with 400', 'not sent', { kind: 'refuse', status: 400 }],
    ['refuses with 422', 'not sent', { kind: 'refuse', status: 422 }],
    ['rate-limits with 429', 'not sent', { kind: 'refuse', status: 429 }],
    ['answers 500', 'unknown', { kind: 'error' }],
    ['answers 502', 'unknown', { kind: 'reply', status: 502, body: {} }],
    ['answers a redirect', 'unknown', { kind: 'reply', status: 302, body: {} }],
    ['answers after the timeout', 'unknown', SLOW],
    ['never answers', 'unknown', { kind: 'hang' }],
    ['resets the connection after reading the request', 'unknown', { kind: 'close' }],
    ['answers bytes that are not HTTP', 'unknown', { kind: 'not-http' }],
  ])('when the gateway %s, the send is %s', async (_name, outcome, behaviour) => {
    gateway.behave(behaviour);

    await expect(outcomeOf(sender().send(PHONE, TEXT))).resolves.toBe(outcome);
    expect(gateway.requests).toHaveLength(1);
  });

  it('is not sent with a wrong token (401), and says to check the credentials', async () => {
    await expect(outcomeOf(sender('wrong-token').send(PHONE, TEXT))).resolves.toBe('not sent');
    expect(logged).toEqual(['SMS gateway answered 401: check its credentials']);
  });

  it('is not sent when the connection is refused, and logs why', async () => {
    const nowhere = sender(SMS_GATEWAY_TOKEN, `${await refusedUrl()}/send`);
    await expect(outcomeOf(nowhere.send(PHONE, TEXT))).resolves.toBe('not sent');
    expect(logged).toEqual(['SMS gateway failed to connect or read the answer']);
  });

  it('logs a timeout with its length', async () => {
    gateway.behave({ kind: 'hang' });
    await expect(outcomeOf(sender().send(PHONE, TEXT))).resolves.toBe('unknown');
    expect(logged).toEqual([`SMS gateway timed out after ${TIMEOUT_MS} ms`]);
  });
});

// Declared last, so it runs after every send of both adapters above.
it('never logged the phone, the text or the code, whatever the gateways answered', () => {
  expect(everything.length).toBeGreaterThan(20);
  for (const line of everything) expect(line).not.toMatch(/380971234567|4821|Ваш код/);
});
