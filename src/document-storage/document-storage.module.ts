import { Module } from '@nestjs/common';
import { bindPort } from '../platform/core/adapter-provider.js';
import { UploadsController } from './adapters/http/uploads.controller.js';
import { LocalDocumentStorage } from './adapters/local/local-document-storage.js';
import { DocumentStorage } from './application/document-storage.port.js';

/**
 * Scanned documents of OFFLINE verification: signed upload URLs and existence checks. The
 * embedded storage keeps files under DATA_DIR and takes the uploads itself.
 */
@Module({
  providers: [
    LocalDocumentStorage,
    bindPort(DocumentStorage, {
      inject: [LocalDocumentStorage],
      useFactory: (storage: LocalDocumentStorage) => storage,
    }),
  ],
  exports: [DocumentStorage, LocalDocumentStorage],
})
export class DocumentStorageModule {}

@Module({ imports: [DocumentStorageModule], controllers: [UploadsController] })
export class DocumentStorageHttpModule {}

export const DOCUMENT_STORAGE_PERSISTENCE = { entities: [], migrations: [] };
