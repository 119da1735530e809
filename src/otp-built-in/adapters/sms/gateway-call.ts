import type { Logger } from '@nestjs/common';
import {
  callJson,
  type JsonAnswer,
  type JsonCall,
  type OutboundFailure,
} from '../../../platform/http/json-call.js';
import { NotSent } from '../../../otp/application/not-sent.js';

/** The gateway clearly did not take the message: it refused it (a 4xx), or was never reached. */
export class SmsRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmsRefused';
  }
}

/**
 * The gateway may have sent the message: it got the request and then timed out, dropped the
 * connection, failed (a 5xx, which a proxy may answer after the gateway acted) or answered
 * outside its contract.
 */
export class SmsOutcomeUnknown extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmsOutcomeUnknown';
  }
}

/** One request that hands a message to an SMS gateway. */
export interface GatewayRequest {
  /** Names the gateway in logs and errors (`Twilio`, `SMS gateway`). */
  readonly gateway: string;
  readonly url: string;
  readonly call: JsonCall;
  /** Whether a 2xx answer is the gateway's acceptance of the message. */
  readonly accepted: (answer: JsonAnswer) => boolean;
  /** What to log of a refusal besides its status: a provider's error code, never its text. */
  readonly refusalDetail?: (answer: JsonAnswer) => string;
}

/**
 * Sends the request and judges its outcome as the SmsSender port promises (docs/api.md, SMS
 * budget): resolves when the gateway accepted the message; rejects with NotSent(SmsRefused) on a
 * 4xx or a connection that never opened (nothing can have gone out); with SmsOutcomeUnknown on
 * anything else. Errors and logs name the gateway and what happened, never the phone or the text
 * (a gateway's error message may quote either).
 */
export async function sendThroughGateway(logger: Logger, request: GatewayRequest): Promise<void> {
  const { gateway } = request;
  let answer: JsonAnswer;
  try {
    answer = await callJson(request.url, request.call);
  } catch (error) {
    // callJson rejects only with OutboundFailure: its message says what happened.
    const failure = error as OutboundFailure;
    const what = `${gateway} ${failure.message}`;
    logger.warn(what);
    throw failure.connected ? new SmsOutcomeUnknown(what) : new NotSent(new SmsRefused(what));
  }
  const { status } = answer;
  if (status >= 200 && status < 300) {
    if (request.accepted(answer)) return;
    const what = `${gateway} answered ${status} with a body outside its contract`;
    logger.warn(what);
    throw new SmsOutcomeUnknown(what);
  }
  const detail = request.refusalDetail?.(answer) ?? '';
  const what = `${gateway} answered ${status}${detail === '' ? '' : ` (${detail})`}`;
  if (status >= 400 && status < 500) {
    // 401 and 403 say this service's credentials are wrong: nothing will be sent until fixed.
    if (status === 401 || status === 403) logger.error(`${what}: check its credentials`);
    else logger.warn(what);
    throw new NotSent(new SmsRefused(what));
  }
  logger.warn(what);
  throw new SmsOutcomeUnknown(what);
}
