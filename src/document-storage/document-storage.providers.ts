import type { Provider, Type } from '@nestjs/common';
import { UploadsController } from './adapters/http/uploads.controller.js';
import { LocalDocumentStorage } from './adapters/local/local-document-storage.js';
import { DocumentStorage } from './application/document-storage.port.js';

/**
 * Scanned documents of OFFLINE verification: signed upload URLs and existence checks
 * (rules.md §3, §4). The embedded storage keeps files under DATA_DIR and takes the uploads itself.
 */
export const DOCUMENT_STORAGE_CONTROLLERS: Type[] = [UploadsController];

export const DOCUMENT_STORAGE_PROVIDERS: Provider[] = [
  LocalDocumentStorage,
  { provide: DocumentStorage, useExisting: LocalDocumentStorage },
];
