import { documentKey } from '../../document-storage/domain/document-key.js';

/**
 * One scanned document a request needs when scans confirm it: its document type and the key its
 * upload is stored under.
 */
export interface DocumentSlot {
  readonly type: string;
  readonly key: string;
}

/** One slot per document type of whoever confirms, in first-seen order. */
export function documentSlots(
  kind: string,
  requestId: string,
  documentTypes: readonly string[],
): DocumentSlot[] {
  return [...new Set(documentTypes)].map((type) => ({
    type,
    key: documentKey(kind, requestId, type),
  }));
}
