/**
 * Port: delivers a text message to a phone. The default adapter writes it to the log (phone
 * masked) for development and QA; a real SMS gateway can be bound instead.
 */
export abstract class SmsSender {
  /**
   * Sends `text` to `phoneNumber` (E.164). Rejects with NotSent when the gateway clearly refused
   * the message or could not be reached (nothing went out); any other rejection means the message
   * may have gone out (a timeout, a connection lost after the request was written).
   */
  abstract send(phoneNumber: string, text: string): Promise<void>;
}
