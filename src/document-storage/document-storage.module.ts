import { Module } from '@nestjs/common';
import type { AppConfig } from '../platform/config/app-config.js';
import { APP_CONFIG } from '../platform/config/config.tokens.js';
import { bindPort } from '../platform/core/adapter-provider.js';
import { SecretStore } from '../platform/secrets/secret-store.js';
import { Clock } from '../kernel/application/clock.port.js';
import { UploadsController } from './adapters/http/uploads.controller.js';
import { LocalObjectStore } from './adapters/local/local-object-store.js';
import { AttemptRecords, RegisteredAttemptRecords } from './application/attempt-records.js';
import { AttemptSweep } from './application/attempt-sweep.js';
import { DocumentStorage } from './application/document-storage.port.js';
import { ObjectStore } from './application/object-store.port.js';
import { ReceiveUploadUseCase } from './application/receive-upload.use-case.js';
import { SignedCopies } from './application/signed-copies.js';
import { SignedUploadDocumentStorage } from './application/signed-upload-document-storage.js';
import { RegisteredUploadTargets, UploadGate, UploadTargets } from './application/upload-gate.js';
import { UploadUrls } from './application/upload-urls.js';

/** The name of the HMAC key of upload URLs in SecretStore: one key for every instance. */
export const UPLOAD_SIGNING_KEY = 'document-upload-signing-key';

async function objectStore(config: AppConfig): Promise<ObjectStore> {
  const storage = config.documentStorage;
  if (storage.backend !== 's3') return new LocalObjectStore(config.dataDir);
  // The AWS SDK is loaded only when a bucket is configured (s3-sdk.ts): one machine's disk needs
  // none of it.
  const { S3ObjectStore } = await import('./adapters/s3/s3-object-store.js');
  return S3ObjectStore.fromConfig(storage.s3);
}

/**
 * Documents of requests (docs/domain-rules.md, The current authentication method): signed upload URLs, existence checks and stored files,
 * on this instance's disk or in an S3-compatible bucket (DOCUMENT_STORAGE). Needs APP_CONFIG,
 * Clock and SecretStore from the core module.
 *
 * Exports DocumentStorage (the port other features use; a host replaces it through the core
 * module's overrides), UploadTargets (where features that hand out upload URLs register the
 * check that their request is still NEW, and the lock under which an upload becomes the
 * document), SignedCopies and AttemptRecords (for features that store a signed copy only once
 * their sign has committed) and ReceiveUploadUseCase (for DocumentStorageHttpModule). Runs the
 * attempt sweep (at start-up, then every 10 minutes).
 */
@Module({
  providers: [
    { provide: ObjectStore, inject: [APP_CONFIG], useFactory: objectStore },
    {
      provide: UploadUrls,
      inject: [APP_CONFIG, Clock, SecretStore],
      useFactory: (config: AppConfig, clock: Clock, secrets: SecretStore) =>
        new UploadUrls(
          { publicUrl: config.publicUrl, ttlSeconds: config.documentUrlTtlSeconds },
          clock,
          () => secrets.get(UPLOAD_SIGNING_KEY),
        ),
    },
    { provide: RegisteredUploadTargets, useFactory: () => new RegisteredUploadTargets() },
    { provide: UploadTargets, useExisting: RegisteredUploadTargets },
    { provide: UploadGate, useExisting: RegisteredUploadTargets },
    bindPort(DocumentStorage, {
      inject: [UploadUrls, ObjectStore],
      useFactory: (urls: UploadUrls, store: ObjectStore) =>
        new SignedUploadDocumentStorage(urls, store),
    }),
    { provide: RegisteredAttemptRecords, useFactory: () => new RegisteredAttemptRecords() },
    { provide: AttemptRecords, useExisting: RegisteredAttemptRecords },
    {
      provide: AttemptSweep,
      inject: [DocumentStorage, ObjectStore, RegisteredAttemptRecords],
      useFactory: (
        storage: DocumentStorage,
        store: ObjectStore,
        records: RegisteredAttemptRecords,
      ) => new AttemptSweep(storage, store, records),
    },
    SignedCopies,
    ReceiveUploadUseCase,
  ],
  exports: [DocumentStorage, UploadTargets, AttemptRecords, SignedCopies, ReceiveUploadUseCase],
})
export class DocumentStorageModule {}

/** The upload route, `PUT /api/uploads/<key>?expires&signature` (docs/api.md, Service endpoints). */
@Module({ imports: [DocumentStorageModule], controllers: [UploadsController] })
export class DocumentStorageHttpModule {}
