import { ConfigError } from '../../src/platform/config/app-config.js';
import { FakeSmsGateway, SMS_GATEWAY_TOKEN } from '../support/sms-gateway-server.js';
import { createTestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { FakeTwilio, TWILIO_ACCOUNT } from '../support/twilio-server.js';

/**
 * The service with NODE_ENV=production and the built-in OTP service, built in-process as the
 * standalone service is: it starts when a real SMS sender is configured and sends its codes
 * through it, and refuses to start with the log sender.
 */
const PRODUCTION = {
  NODE_ENV: 'production',
  // Never called here; production needs a signature verifier to start.
  DIGITAL_SIGNATURE_URL: 'https://ds.example.com/api',
  OTP_SMS_TEMPLATE: 'Код eHealth: {code}. Нікому його не повідомляйте.',
};
const WRITE = { Authorization: `Bearer ${tokenFor('otp_verification:write')}` };
const PHONE = '+380971234567';

describe('NODE_ENV=production with the built-in OTP service', () => {
  let gateway: FakeSmsGateway;
  let twilio: FakeTwilio;

  beforeAll(async () => {
    gateway = await FakeSmsGateway.start();
    twilio = await FakeTwilio.start();
  });
  afterAll(async () => {
    await gateway.close();
    await twilio.close();
  });

  it.each<[string, () => Record<string, string>, () => { to: string; text: string }[]]>([
    [
      'the generic SMS gateway',
      () => ({ SMS_GATEWAY_URL: gateway.sendUrl, SMS_GATEWAY_TOKEN }),
      () => gateway.received,
    ],
    [
      'Twilio',
      () => ({
        TWILIO_API_URL: twilio.url,
        TWILIO_ACCOUNT_SID: TWILIO_ACCOUNT.sid,
        TWILIO_AUTH_TOKEN: TWILIO_ACCOUNT.authToken,
        TWILIO_FROM: 'eHealth',
      }),
      () => twilio.messages.map((m) => ({ to: m.to, text: m.body })),
    ],
  ])('starts with %s and sends the codes through it', async (_name, sender, received) => {
    const t = await createTestApp({ env: { ...PRODUCTION, ...sender() } });
    try {
      expect(t.config).toMatchObject({ nodeEnv: 'production', otp: { url: undefined } });
      await t.http.get('/health/ready').expect(200);
      await t.http.post('/api/verifications').set(WRITE).send({ phone_number: PHONE }).expect(200);

      const messages = received();
      expect(messages).toEqual([
        {
          to: PHONE,
          text: expect.stringMatching(/^Код eHealth: \d{4}\. Нікому його не повідомляйте\.$/),
        },
      ]);
      const code = /\d{4}/.exec(messages[0].text)![0];
      await t.http
        .patch(`/api/verifications/${encodeURIComponent(PHONE)}/actions/complete`)
        .set(WRITE)
        .send({ code: Number(code) })
        .expect(200);
    } finally {
      await t.close();
    }
  });

  it.each<[string, Record<string, string>]>([
    ['no SMS sender configured', {}],
    ['SMS_SENDER=log', { SMS_SENDER: 'log' }],
    [
      'SMS_SENDER=log beside a configured gateway',
      { SMS_SENDER: 'log', SMS_GATEWAY_URL: 'https://sms.example.com', SMS_GATEWAY_TOKEN },
    ],
  ])('refuses to start with %s, naming what to set', async (_name, env) => {
    const start = createTestApp({ env: { ...PRODUCTION, ...env } });
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(
      'Invalid configuration: OTP_VERIFICATION_URL or a real SMS sender (SMS_GATEWAY_URL and SMS_GATEWAY_TOKEN, or TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM) is required when NODE_ENV=production',
    );
  });

  it('refuses to start with a half-configured Twilio, naming the missing variable', async () => {
    const start = createTestApp({
      env: { ...PRODUCTION, TWILIO_ACCOUNT_SID: TWILIO_ACCOUNT.sid, TWILIO_FROM: 'eHealth' },
    });
    await expect(start).rejects.toThrow(
      'Invalid configuration: TWILIO_AUTH_TOKEN is required when SMS_SENDER=twilio',
    );
  });
});
