import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { LocalObjectStore } from '../../../src/document-storage/adapters/local/local-object-store.js';
import {
  clientConfig,
  S3ObjectStore,
} from '../../../src/document-storage/adapters/s3/s3-object-store.js';
import { SignedUploadDocumentStorage } from '../../../src/document-storage/application/signed-upload-document-storage.js';
import { UploadUrls } from '../../../src/document-storage/application/upload-urls.js';
import { loadConfig } from '../../../src/platform/config/app-config.js';
import { describeDocumentStorageContract } from '../../contracts/document-storage.contract.js';
import { describeObjectStoreContract } from '../../contracts/object-store.contract.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { startS3Server } from '../../support/s3-server.js';

/** Document storage's ports' contracts on the local disk and on an S3-compatible server. */
describeObjectStoreContract('the local disk', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'object-store-contract-'));
  return Promise.resolve({
    store: new LocalObjectStore(dataDir),
    read: (key) => {
      try {
        return Promise.resolve(readFileSync(join(dataDir, 'documents', key)));
      } catch {
        return Promise.resolve(undefined);
      }
    },
    close: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
  });
});

describeObjectStoreContract('an S3-compatible server', async () => {
  const server = await startS3Server();
  const settings = loadConfig(server.env).documentStorage;
  if (settings.backend !== 's3') throw new Error('expected the s3 backend');
  const store = await S3ObjectStore.fromConfig(settings.s3);
  const reader = new S3Client(clientConfig(settings.s3));
  return {
    store,
    read: async (key) => {
      try {
        const object = await reader.send(new GetObjectCommand({ Bucket: server.bucket, Key: key }));
        return Buffer.from(await object.Body!.transformToByteArray());
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
    close: async () => {
      store.onModuleDestroy();
      reader.destroy();
      await server.stop();
    },
  };
});

describeDocumentStorageContract('signed uploads over the local disk', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'document-storage-contract-'));
  const urls = new UploadUrls(
    { publicUrl: 'https://mpi.example.org', ttlSeconds: 600 },
    new FixedClock(new Date('2026-11-23T10:00:00.000Z')),
    () => Promise.resolve(Buffer.from('k'.repeat(64))),
  );
  return Promise.resolve({
    storage: new SignedUploadDocumentStorage(urls, new LocalObjectStore(dataDir)),
    read: (key) => {
      try {
        return Promise.resolve(new Uint8Array(readFileSync(join(dataDir, 'documents', key))));
      } catch {
        return Promise.resolve(undefined);
      }
    },
    close: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
  });
});
