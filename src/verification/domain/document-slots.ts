import { documentKey } from '../../document-storage/domain/document-key.js';
import type { DocumentSlot } from '../../kernel/domain/document-slot.js';

/** One slot per document type of whoever authenticates, in first-seen order. */
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
