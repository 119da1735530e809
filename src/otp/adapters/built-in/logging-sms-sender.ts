import { Injectable, Logger } from '@nestjs/common';
import { maskPhone } from '../../../kernel/domain/phone.js';
import { SmsSender } from '../../application/sms-sender.port.js';

/**
 * Development and QA delivery: the message (with its code, by design of docs/api.md, Configuration) goes to the
 * log, the phone masked. Bind a real SMS gateway to SmsSender in production.
 */
@Injectable()
export class LoggingSmsSender extends SmsSender {
  private readonly logger = new Logger('SMS');

  send(phoneNumber: string, text: string): Promise<void> {
    this.logger.log(`SMS to ${maskPhone(phoneNumber)}: ${text}`);
    return Promise.resolve();
  }
}
