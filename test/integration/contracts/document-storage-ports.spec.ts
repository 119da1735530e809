import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { LocalObjectStore } from '../../../src/document-storage/adapters/local/local-object-store.js';
import {
  clientConfig,
  S3ObjectStore,
} from '../../../src/document-storage/adapters/s3/s3-object-store.js';
import { loadConfig } from '../../../src/platform/config/app-config.js';
import { describeObjectStoreContract } from '../../contracts/object-store.contract.js';
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
  const store = S3ObjectStore.fromConfig(settings.s3);
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
