import { Logger } from '@nestjs/common';
import { fail } from '../../../kernel/domain/errors.js';
import { isJsonObject, parseJsonText, type JsonObject } from '../../../kernel/domain/json.js';
import {
  callJson,
  type JsonAnswer,
  type OutboundFailure,
} from '../../../platform/http/json-call.js';
import {
  SignatureVerifier,
  type SignatureCheck,
} from '../../application/signature-verifier.port.js';
import { SIGNATURE_REJECTIONS } from '../../domain/signature-rejections.js';
import { signedMessageTooLarge } from '../../domain/signed-message-bounds.js';
import type { Signer } from '../../domain/signer.js';
import { SIGNATURE_ERRORS } from '../../domain/signature-errors.js';

const CALL = 'POST /digital_signatures';
/**
 * The answer echoes the signed content (from a request body of up to 1 MiB, as JSON text or
 * base64, and escaped again inside the answer's JSON string): more room than the default 1 MiB.
 */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export interface HttpSignatureVerifierOptions {
  /** Base URL of the service (DIGITAL_SIGNATURE_URL); a base path is kept. */
  readonly url: string;
  /** Timeout of one call, connection and body included (DIGITAL_SIGNATURE_TIMEOUT_MS). */
  readonly timeoutMs: number;
}

/**
 * The registry's digital-signature service over HTTP: it verifies what general PKI libraries do
 * not, such as Ukrainian DSTU 4145 qualified signatures.
 *
 * `POST {base}/digital_signatures` `{ signed_content, signed_content_encoding: "base64", check: true }`
 * → 200 `{ data: { content, signatures: [ { is_valid, signer, validation_error_message } ] } }`,
 * or the older form with `is_valid`, `signer` and `validation_error_message` directly in `data`.
 * 400 or 422 means the bytes are not a signed message. A timeout, a refused connection, a 5xx,
 * any other status, or a body outside the contract is DomainError 'unavailable'. Logs name the
 * call and the reason, never the content or the signer.
 */
export class HttpSignatureVerifier extends SignatureVerifier {
  private readonly logger = new Logger('HttpSignatureVerifier');
  private readonly endpoint: string;

  constructor(private readonly options: HttpSignatureVerifierOptions) {
    super();
    this.endpoint = `${options.url.replace(/\/+$/, '')}/digital_signatures`;
  }

  async verify(signed: Uint8Array): Promise<SignatureCheck> {
    // The service is not sent what the built-in verifier would refuse for its size either.
    if (signedMessageTooLarge(signed)) {
      return { kind: 'invalid', message: SIGNATURE_REJECTIONS.tooLarge };
    }
    const answer = await this.post({
      signed_content: Buffer.from(signed).toString('base64'),
      signed_content_encoding: 'base64',
      check: true,
    });
    if (answer.status === 400 || answer.status === 422) return { kind: 'malformed' };
    if (answer.status !== 200) {
      this.logger.warn(`Digital signature service answered ${answer.status} to ${CALL}`);
      throw fail(SIGNATURE_ERRORS.signatureUnavailable);
    }
    const check = checkOf(answer.json);
    if (check === null) {
      this.logger.warn(
        `Digital signature service answered ${CALL} with a body outside the contract`,
      );
      throw fail(SIGNATURE_ERRORS.signatureUnavailable);
    }
    return check;
  }

  private async post(body: JsonObject): Promise<JsonAnswer> {
    try {
      return await callJson(this.endpoint, {
        method: 'POST',
        body,
        timeoutMs: this.options.timeoutMs,
        maxBytes: MAX_ANSWER_BYTES,
      });
    } catch (error) {
      // callJson throws only OutboundFailure; its message ends the line ("timed out after 5000 ms").
      this.logger.warn(`Digital signature service ${CALL} ${(error as OutboundFailure).message}`);
      throw fail(SIGNATURE_ERRORS.signatureUnavailable);
    }
  }
}

/** The verdict of a 200 body, or null when the body is outside the contract. */
function checkOf(json: unknown): SignatureCheck | null {
  const data = isJsonObject(json) ? json.data : undefined;
  if (!isJsonObject(data)) return null;
  const signatures = Array.isArray(data.signatures) ? data.signatures : [data];
  if (!signatures.every(isSignature)) return null;
  if (signatures.length === 0)
    return { kind: 'invalid', message: SIGNATURE_REJECTIONS.noSignature };
  // One signer per message, as the built-in verifier requires, whatever the service accepts.
  if (signatures.length > 1) {
    return { kind: 'invalid', message: SIGNATURE_REJECTIONS.notOneSignature };
  }
  const refused = signatures.find((signature) => signature.is_valid !== true);
  if (refused !== undefined) {
    const message = refused.validation_error_message;
    return {
      kind: 'invalid',
      message:
        typeof message === 'string' && message.trim() !== ''
          ? message.trim()
          : SIGNATURE_REJECTIONS.notValid,
    };
  }
  const content = contentBytes(data.content);
  if (content === null) return null;
  return { kind: 'valid', content, signer: signerOf(signatures[0].signer) };
}

function isSignature(value: unknown): value is JsonObject & { readonly is_valid: boolean } {
  return isJsonObject(value) && typeof value.is_valid === 'boolean';
}

/**
 * The signed bytes. An object or array is the service's decoding of JSON content: its JSON text.
 * A string is taken as it is when it is JSON text, else as base64 when it is canonical base64,
 * else as plain text; JSON first, because short JSON texts such as `null` or `1234` are also
 * valid base64.
 */
export function contentBytes(content: unknown): Uint8Array | null {
  if (isJsonObject(content) || Array.isArray(content)) {
    return new Uint8Array(Buffer.from(JSON.stringify(content), 'utf8'));
  }
  if (typeof content !== 'string') return null;
  if (parseJsonText(content) !== undefined) return new Uint8Array(Buffer.from(content, 'utf8'));
  const compact = content.replace(/\s+/g, '');
  if (compact !== '' && /^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 === 0) {
    const bytes = Buffer.from(compact, 'base64');
    if (bytes.toString('base64') === compact) return new Uint8Array(bytes);
  }
  return new Uint8Array(Buffer.from(content, 'utf8'));
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** The service writes absent fields as empty strings; spaces inside numbers are formatting. */
function signerOf(signer: unknown): Signer {
  const fields = isJsonObject(signer) ? signer : {};
  const number = (value: unknown): string | null => text(value)?.replace(/\s+/g, '') ?? null;
  return {
    commonName: text(fields.common_name),
    drfo: number(fields.drfo),
    edrpou: number(fields.edrpou),
    serial: number(fields.serial_number),
  };
}
