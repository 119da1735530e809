/**
 * A send that certainly delivered nothing (docs/api.md, SMS budget): the OTP service or the SMS
 * gateway refused it clearly (a 4xx, its 429, the resend interval), no connection to it was ever
 * open, or the send failed before anything was handed over. `refusal` is the error the caller
 * answers. Any other failure of a send leaves its outcome unknown (a timeout, a connection reset
 * after the request was written, a 5xx): the message may have gone out.
 *
 * `OtpVerifier.initialize` and `SmsSender.send` reject with it; the SMS budget gives back the
 * count of such a send, and of no other.
 */
export class NotSent extends Error {
  constructor(readonly refusal: Error) {
    super('Nothing was sent', { cause: refusal });
    this.name = 'NotSent';
  }
}
