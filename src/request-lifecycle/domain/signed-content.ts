import type { InvalidEntry } from '../../kernel/domain/errors.js';
import { isJsonObject, type JsonObject } from '../../kernel/domain/json.js';
import { parseStrictJson, type StrictJsonProblem } from '../../kernel/domain/strict-json.js';
import { signedMessageFromBase64 } from '../../signature/domain/signed-message-bounds.js';
import { SIGNATURE_REJECTIONS } from '../../signature/domain/signature-rejections.js';

export const NOT_SIGNED_CONTENT = 'Is not a valid signed content';
export const PATIENT_MUST_SIGN = 'Patient must sign the person request';
export const CONTENT_MISMATCH = 'Signed content does not match the previously created content';
export const DRFO_MISMATCH = 'Does not match the signer drfo';

const BODY_KEYS = new Set(['signed_content', 'signed_content_encoding']);

export type DecodedBody =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly problems: readonly InvalidEntry[] }
  /** A well-formed body whose signed message is refused (400 `bad_request`) with this text. */
  | { readonly ok: false; readonly refusal: string };

/**
 * The sign body: `signed_content` base64 (whitespace and line breaks inside ignored),
 * `signed_content_encoding` absent or `base64`, nothing else. Returns the signed bytes; a
 * message larger than the signature feature's size bound is refused without being decoded.
 */
export function decodeSignBody(body: unknown): DecodedBody {
  const problems: InvalidEntry[] = [];
  const input: JsonObject = isJsonObject(body) ? body : {};
  for (const key of Object.keys(input)) {
    if (!BODY_KEYS.has(key)) {
      problems.push({ entry: `$.${key}`, rule: 'invalid', description: 'unknown property' });
    }
  }
  const encoding = input.signed_content_encoding;
  if (encoding !== undefined && encoding !== 'base64') {
    problems.push({
      entry: '$.signed_content_encoding',
      rule: 'inclusion',
      description: 'must be base64',
    });
  }
  const content = input.signed_content;
  if (content === undefined || content === null || content === '') {
    problems.push({
      entry: '$.signed_content',
      rule: 'required',
      description: 'required property is missing',
    });
    return { ok: false, problems };
  }
  const message = signedMessageFromBase64(typeof content === 'string' ? content : '');
  if (message.kind === 'not_base64') {
    problems.push({ entry: '$.signed_content', rule: 'format', description: NOT_SIGNED_CONTENT });
    return { ok: false, problems };
  }
  if (problems.length > 0) return { ok: false, problems };
  if (message.kind === 'too_large') return { ok: false, refusal: SIGNATURE_REJECTIONS.tooLarge };
  return { ok: true, bytes: message.bytes };
}

/**
 * JSON that a strict reader refuses but a lenient one reads: the signed bytes could show one
 * thing in a viewer and another here, so they are not the request's content, whatever they say.
 */
const AMBIGUOUS: ReadonlySet<StrictJsonProblem> = new Set([
  'duplicate_key',
  'lone_surrogate',
  'invalid_utf8',
  'bom',
]);

/**
 * What is wrong with the signed bytes as the request's document: JSON that readers could read
 * differently is refused on `$.signed_content` (see AMBIGUOUS); then the document is judged
 * as signedDocumentProblem says (anything that is not JSON at all, or nested too deep, is not a
 * JSON object).
 */
export function signedContentProblem(content: Uint8Array, data: JsonObject): InvalidEntry | null {
  const parsed = parseStrictJson(content);
  if (!parsed.ok && AMBIGUOUS.has(parsed.problem)) {
    return { entry: '$.signed_content', rule: 'invalid', description: CONTENT_MISMATCH };
  }
  return signedDocumentProblem(parsed.ok ? parsed.value : undefined, data);
}

/**
 * What is wrong with the signed document, checked in this order: the patient must have signed
 * it (`patient_signed: true`), and it must be the request's data as the registry showed it —
 * the same keys (none extra), equal values (key order ignored), `patient_signed` aside;
 * `inserted_at` and `updated_at` may be left out, and must be equal when present. A content
 * that is not a JSON object at all does not match.
 */
export function signedDocumentProblem(signed: unknown, data: JsonObject): InvalidEntry | null {
  if (!isJsonObject(signed)) {
    return { entry: '$.content', rule: 'invalid', description: CONTENT_MISMATCH };
  }
  if (signed.patient_signed !== true) {
    return { entry: '$.patient_signed', rule: 'invalid', description: PATIENT_MUST_SIGN };
  }
  const optional = new Set(['inserted_at', 'updated_at']);
  const expected: Record<string, unknown> = { ...data };
  delete expected.patient_signed;
  const actual: Record<string, unknown> = { ...signed };
  delete actual.patient_signed;
  for (const key of optional) if (!(key in actual)) delete expected[key];
  return deepEqual(actual, expected)
    ? null
    : { entry: '$.content', rule: 'invalid', description: CONTENT_MISMATCH };
}

/** Structural equality of JSON values; object key order does not matter, array order does. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => deepEqual(item, b[i]))
    );
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
  );
}
