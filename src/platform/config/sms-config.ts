import { ConfigError, int, present, url, type Env } from './env-readers.js';

/** How the built-in OTP service delivers its codes (docs/api.md, Configuration). */
export interface SmsConfig {
  readonly sender: SmsSenderConfig;
  /** Bounds one call to the SMS gateway (connection, request and answer), in ms. */
  readonly timeoutMs: number;
  /** The message of a code, `{code}` standing for it; unset = the OTP service's default text. */
  readonly template: string | undefined;
}

/** `log` writes the message to the log (development only); the others reach a phone. */
export type SmsSenderConfig =
  | { readonly kind: 'log' }
  | TwilioSmsConfig
  | { readonly kind: 'gateway'; readonly url: string; readonly token: string };

export interface TwilioSmsConfig {
  readonly kind: 'twilio';
  /** Base URL of Twilio's REST API (another only for tests). */
  readonly apiUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  /** At least one of the two is set; Twilio uses `From` when both are. */
  readonly from: string | undefined;
  readonly messagingServiceSid: string | undefined;
}

export const TWILIO_API_URL = 'https://api.twilio.com';
/** What an operator sets for a sender that reaches a phone (the production check names it). */
export const REAL_SMS_SENDER_VARIABLES =
  'SMS_GATEWAY_URL and SMS_GATEWAY_TOKEN, or TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM';

const KINDS = ['log', 'twilio', 'gateway'] as const;
const ACCOUNT_SID = /^AC[0-9a-f]{32}$/i;
const MESSAGING_SERVICE_SID = /^MG[0-9a-f]{32}$/i;
/** A phone number in E.164, a short code, or an alphanumeric sender ID (Twilio's three kinds). */
const TWILIO_SENDER =
  /^(\+[1-9][0-9]{6,14}|[0-9]{3,8}|(?=[A-Za-z0-9 ]*[A-Za-z])[A-Za-z0-9 ]{1,11})$/;
/** Sent as `Authorization: Bearer <token>`: printable ASCII without spaces. */
const HEADER_TOKEN = /^[\x21-\x7e]+$/;

/**
 * SMS_SENDER, SMS_TIMEOUT_MS, OTP_SMS_TEMPLATE and the variables of each sender. Every present
 * variable is checked, whichever sender is chosen, so a typo is found before it is switched on.
 * SMS_SENDER unset picks the sender whose variables are set (Twilio's account sid, the gateway's
 * URL), `log` when neither is; a sender missing one of its variables stops start-up naming it.
 * Secrets (the auth token, the gateway token) are never quoted in an error.
 */
export function smsConfig(env: Env): SmsConfig {
  const template = present(env, 'OTP_SMS_TEMPLATE');
  if (template !== undefined && !template.includes('{code}')) {
    throw new ConfigError('OTP_SMS_TEMPLATE', 'must contain {code}, where the code goes');
  }
  return {
    sender: smsSender(env),
    timeoutMs: int(env, 'SMS_TIMEOUT_MS', 5000, 1, 60_000),
    template,
  };
}

function smsSender(env: Env): SmsSenderConfig {
  const accountSid = matching(env, 'TWILIO_ACCOUNT_SID', ACCOUNT_SID, 'AC and 32 hex digits');
  const authToken = present(env, 'TWILIO_AUTH_TOKEN');
  const from = matching(
    env,
    'TWILIO_FROM',
    TWILIO_SENDER,
    'a phone number in E.164 (+ and digits), a short code or an alphanumeric sender ID (up to 11 letters, digits and spaces)',
  );
  const messagingServiceSid = matching(
    env,
    'TWILIO_MESSAGING_SERVICE_SID',
    MESSAGING_SERVICE_SID,
    'MG and 32 hex digits',
  );
  const apiUrl = url(env, 'TWILIO_API_URL', ['http:', 'https:']) ?? TWILIO_API_URL;
  const gatewayUrl = url(env, 'SMS_GATEWAY_URL', ['http:', 'https:']);
  const gatewayToken = present(env, 'SMS_GATEWAY_TOKEN');
  if (gatewayToken !== undefined && !HEADER_TOKEN.test(gatewayToken)) {
    throw new ConfigError('SMS_GATEWAY_TOKEN', 'must be printable ASCII without spaces');
  }

  const kind = senderKind(env, accountSid !== undefined, gatewayUrl !== undefined);
  if (kind === 'twilio') {
    const when = 'is required when SMS_SENDER=twilio';
    if (accountSid === undefined) throw new ConfigError('TWILIO_ACCOUNT_SID', when);
    if (authToken === undefined) throw new ConfigError('TWILIO_AUTH_TOKEN', when);
    if (from === undefined && messagingServiceSid === undefined) {
      throw new ConfigError('TWILIO_FROM', `or TWILIO_MESSAGING_SERVICE_SID ${when}`);
    }
    return { kind, apiUrl, accountSid, authToken, from, messagingServiceSid };
  }
  if (kind === 'gateway') {
    const when = 'is required when SMS_SENDER=gateway';
    if (gatewayUrl === undefined) throw new ConfigError('SMS_GATEWAY_URL', when);
    if (gatewayToken === undefined) throw new ConfigError('SMS_GATEWAY_TOKEN', when);
    return { kind, url: gatewayUrl, token: gatewayToken };
  }
  return { kind };
}

function senderKind(env: Env, twilio: boolean, gateway: boolean): SmsSenderConfig['kind'] {
  const raw = present(env, 'SMS_SENDER')?.toLowerCase();
  if (raw !== undefined) {
    const kind = KINDS.find((k) => k === raw);
    if (kind === undefined) {
      throw new ConfigError('SMS_SENDER', `must be ${KINDS.join(', ')}, got "${raw}"`);
    }
    return kind;
  }
  if (twilio && gateway) {
    throw new ConfigError(
      'SMS_SENDER',
      'must say which sender to use (twilio or gateway): TWILIO_ACCOUNT_SID and SMS_GATEWAY_URL are both set',
    );
  }
  if (twilio) return 'twilio';
  return gateway ? 'gateway' : 'log';
}

/** A present value of the given shape; the error describes the shape without quoting the value. */
function matching(env: Env, name: string, shape: RegExp, described: string): string | undefined {
  const raw = present(env, name);
  if (raw !== undefined && !shape.test(raw)) throw new ConfigError(name, `must be ${described}`);
  return raw;
}
