/**
 * Port: delivers a text message to a phone; the built-in OTP service sends its codes through it.
 * The adapter SMS_SENDER names (Twilio, a generic HTTP gateway, or for development and QA the log,
 * phone masked), or the host's own.
 */
export abstract class SmsSender {
  /**
   * Sends `text` to `phoneNumber` (E.164). Rejects with NotSent when the gateway clearly refused
   * the message or could not be reached (nothing went out); any other rejection means the message
   * may have gone out (a timeout, a connection lost after the request was written).
   */
  abstract send(phoneNumber: string, text: string): Promise<void>;
}
