import type { AppConfig } from '../../../platform/config/app-config.js';
import type { SmsSender } from '../../application/sms-sender.port.js';
import { HttpGatewaySmsSender } from './http-gateway-sms-sender.js';
import { LoggingSmsSender } from './logging-sms-sender.js';
import { TwilioSmsSender } from './twilio-sms-sender.js';

/** The SMS sender the configuration names (SMS_SENDER, or the one whose variables are set). */
export function smsSenderFor(config: AppConfig): SmsSender {
  const { sender, timeoutMs } = config.sms;
  switch (sender.kind) {
    case 'twilio':
      return new TwilioSmsSender(sender, timeoutMs);
    case 'gateway':
      return new HttpGatewaySmsSender({ url: sender.url, token: sender.token, timeoutMs });
    case 'log':
      // loadConfig refuses this already; a host passing its own AppConfig must not slip past it.
      if (config.nodeEnv === 'production' && config.otp.url === undefined) {
        throw new Error(
          'The built-in OTP service needs a real SMS sender in production (SMS_GATEWAY_URL or TWILIO_ACCOUNT_SID)',
        );
      }
      return new LoggingSmsSender();
  }
}
