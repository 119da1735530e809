import { Logger } from '@nestjs/common';
import { maskPhone } from '../../../kernel/domain/phone.js';
import { SmsSender } from '../../application/sms-sender.port.js';

/**
 * Development and QA delivery: the message, with its code, goes to the log and the phone is
 * masked (docs/api.md, Configuration). It reaches no phone, so production refuses it.
 */
export class LoggingSmsSender extends SmsSender {
  private readonly logger = new Logger('SMS');

  send(phoneNumber: string, text: string): Promise<void> {
    this.logger.log(`SMS to ${maskPhone(phoneNumber)}: ${text}`);
    return Promise.resolve();
  }
}
