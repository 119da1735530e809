/**
 * Port: delivers a text message to a phone. The default adapter writes it to the log (phone
 * masked) for development and QA; a real SMS gateway can be bound instead.
 */
export abstract class SmsSender {
  /** Sends `text` to `phoneNumber` (E.164); rejects when the message could not be handed over. */
  abstract send(phoneNumber: string, text: string): Promise<void>;
}
