import type { ErrorSpec } from '../../kernel/domain/errors.js';

const spec = <C extends ErrorSpec['code']>(code: C, message: string) =>
  ({ code, message }) as const;

/** The texts of answers about stored documents and uploads (docs/api.md, Error texts). */
export const STORAGE_ERRORS = {
  storageUnavailable: spec('unavailable', 'Document storage is unavailable'),
  uploadRefused: spec('forbidden_upload', 'Upload URL signature is invalid or expired'),
} as const satisfies Record<string, ErrorSpec>;
