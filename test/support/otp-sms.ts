import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';

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

/**
 * SmsSender fake whose sends wait at the gate until `open()`, as on a gateway that has not
 * answered yet: a message is in `sent` from the moment it reaches the sender, and `waiting` counts
 * the sends held at the gate. Once open, a send fails with `failWith` when set.
 */
export class GatedSmsSender extends CapturingSmsSender {
  waiting = 0;
  private opened = false;
  private readonly held: (() => void)[] = [];

  override async send(phoneNumber: string, text: string): Promise<void> {
    this.sent.push({ phoneNumber, text });
    if (!this.opened) {
      this.waiting += 1;
      await new Promise<void>((resolve) => this.held.push(resolve));
      this.waiting -= 1;
    }
    if (this.failWith) throw this.failWith;
  }

  /** Lets every held send and every later one through. */
  open(): void {
    this.opened = true;
    for (const release of this.held.splice(0)) release();
  }
}
