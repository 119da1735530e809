import { Logger } from '@nestjs/common';
import type { TwilioSmsConfig } from '../../../platform/config/sms-config.js';
import type { JsonAnswer } from '../../../platform/http/json-call.js';
import { SmsSender } from '../../application/sms-sender.port.js';
import { sendThroughGateway } from './gateway-call.js';

/**
 * Twilio's Messages API: `POST {api}/2010-04-01/Accounts/{AccountSid}/Messages.json`, a form with
 * `To`, `Body` and `From` and/or `MessagingServiceSid`, HTTP basic auth with the account sid and
 * its auth token. Twilio accepts a message with 201 and the message resource (its `sid`); it
 * refuses with a 4xx and `{ code, message, more_info, status }` (its `code` is logged, never its
 * `message`, which may quote the phone). Outcomes as `sendThroughGateway` judges them.
 */
export class TwilioSmsSender extends SmsSender {
  private readonly logger = new Logger('TwilioSmsSender');
  private readonly url: string;
  private readonly authorization: string;

  constructor(
    private readonly config: TwilioSmsConfig,
    private readonly timeoutMs: number,
  ) {
    super();
    const account = encodeURIComponent(config.accountSid);
    this.url = `${config.apiUrl}/2010-04-01/Accounts/${account}/Messages.json`;
    const credentials = Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64');
    this.authorization = `Basic ${credentials}`;
  }

  send(phoneNumber: string, text: string): Promise<void> {
    const { from, messagingServiceSid } = this.config;
    return sendThroughGateway(this.logger, {
      gateway: 'Twilio',
      url: this.url,
      call: {
        method: 'POST',
        headers: { authorization: this.authorization },
        form: {
          To: phoneNumber,
          ...(from !== undefined ? { From: from } : {}),
          ...(messagingServiceSid !== undefined
            ? { MessagingServiceSid: messagingServiceSid }
            : {}),
          Body: text,
        },
        timeoutMs: this.timeoutMs,
      },
      accepted: isMessageResource,
      refusalDetail: twilioErrorCode,
    });
  }
}

/** Twilio's answer to a created message: the message resource, named by its `sid`. */
function isMessageResource(answer: JsonAnswer): boolean {
  const sid = (answer.json as { sid?: unknown } | undefined)?.sid;
  return typeof sid === 'string' && sid !== '';
}

/** `error 21211` from Twilio's error body, when it has a numeric code. */
function twilioErrorCode(answer: JsonAnswer): string {
  const code = (answer.json as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' && Number.isInteger(code) ? `error ${code}` : '';
}
