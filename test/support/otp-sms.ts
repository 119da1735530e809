import { SmsSender } from '../../src/otp/application/sms-sender.port.js';

export interface SentSms {
  readonly phoneNumber: string;
  readonly text: string;
}

/**
 * SmsSender fake that keeps every message, so tests can read the code that was sent:
 * `createTestApp({ customize: (b) => b.overrideProvider(SmsSender).useValue(sms) })`.
 */
export class CapturingSmsSender extends SmsSender {
  readonly sent: SentSms[] = [];
  /** When set, `send` rejects with it (delivery failure). */
  failWith: Error | undefined;

  send(phoneNumber: string, text: string): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.sent.push({ phoneNumber, text });
    return Promise.resolve();
  }

  /** The code of the last message to the phone; throws when none was sent. */
  lastCodeFor(phoneNumber: string): string {
    const last = this.sent.filter((m) => m.phoneNumber === phoneNumber).at(-1);
    const code = last ? /\d{4,12}/.exec(last.text)?.[0] : undefined;
    if (code === undefined) throw new Error('No code was sent to that phone');
    return code;
  }
}
