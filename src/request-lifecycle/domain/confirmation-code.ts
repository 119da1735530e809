import { invalid, required } from '../../kernel/domain/errors.js';
import { LIFECYCLE_INVALID_TEXT } from './lifecycle-errors.js';

const PATH = '$.verification_code';

/**
 * The code that confirms a request (`verification_code` of an approve): a number or a string of
 * digits, read as digits.
 */
export function confirmationCode(code: unknown): string {
  if (code === undefined || code === null || code === '') throw required(PATH);
  if (typeof code === 'number' && Number.isSafeInteger(code) && code >= 0) return String(code);
  if (typeof code === 'string' && /^[0-9]{1,12}$/.test(code)) return code;
  throw invalid(PATH, LIFECYCLE_INVALID_TEXT.codeFormat, 'format');
}
