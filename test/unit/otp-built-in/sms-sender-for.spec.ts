import { HttpGatewaySmsSender } from '../../../src/otp-built-in/adapters/sms/http-gateway-sms-sender.js';
import { LoggingSmsSender } from '../../../src/otp-built-in/adapters/sms/logging-sms-sender.js';
import { smsSenderFor } from '../../../src/otp-built-in/adapters/sms/sms-sender-for.js';
import { TwilioSmsSender } from '../../../src/otp-built-in/adapters/sms/twilio-sms-sender.js';
import { loadConfig, type AppConfig } from '../../../src/platform/config/app-config.js';

const TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'token',
  TWILIO_FROM: 'eHealth',
};
const GATEWAY = { SMS_GATEWAY_URL: 'https://sms.example.com/send', SMS_GATEWAY_TOKEN: 'token' };

describe('the SMS sender the configuration names', () => {
  it.each<[string, Record<string, string>, abstract new (...args: never[]) => unknown]>([
    ['nothing', {}, LoggingSmsSender],
    ['Twilio', TWILIO, TwilioSmsSender],
    ['a generic gateway', GATEWAY, HttpGatewaySmsSender],
  ])('is built for %s', (_name, env, adapter) => {
    expect(smsSenderFor(loadConfig(env))).toBeInstanceOf(adapter);
  });

  it('refuses the log sender for the built-in OTP service of a production configuration a host built itself', () => {
    const config: AppConfig = { ...loadConfig({}), nodeEnv: 'production' };
    expect(() => smsSenderFor(config)).toThrow(/real SMS sender in production/);
  });

  it('leaves the log sender to a production configuration whose OTP service sends the codes', () => {
    const development = loadConfig({ OTP_VERIFICATION_URL: 'https://otp.example.com/api' });
    const config: AppConfig = { ...development, nodeEnv: 'production' };
    expect(smsSenderFor(config)).toBeInstanceOf(LoggingSmsSender);
  });
});
