import { Logger } from '@nestjs/common';
import { SmsSender } from '../../application/sms-sender.port.js';
import { sendThroughGateway } from './gateway-call.js';

export interface HttpGatewaySettings {
  readonly url: string;
  readonly token: string;
  readonly timeoutMs: number;
}

/**
 * A generic SMS gateway over HTTP: `POST {url}` with `{ "to": <E.164 phone>, "text": <message> }`
 * and `Authorization: Bearer <token>`. Any 2xx is its acceptance, whatever its body: the contract
 * defines none, and reading one could turn a message that went out into a failure and a second
 * SMS. Outcomes as `sendThroughGateway` judges them.
 */
export class HttpGatewaySmsSender extends SmsSender {
  private readonly logger = new Logger('HttpGatewaySmsSender');

  constructor(private readonly settings: HttpGatewaySettings) {
    super();
  }

  send(phoneNumber: string, text: string): Promise<void> {
    return sendThroughGateway(this.logger, {
      gateway: 'SMS gateway',
      url: this.settings.url,
      call: {
        method: 'POST',
        headers: { authorization: `Bearer ${this.settings.token}` },
        body: { to: phoneNumber, text },
        timeoutMs: this.settings.timeoutMs,
      },
      accepted: () => true,
    });
  }
}
