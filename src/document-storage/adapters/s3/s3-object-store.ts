import type { Readable } from 'node:stream';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import type { S3StorageConfig } from '../../../platform/config/app-config.js';
import { serializeError } from '../../../platform/logging/error-serializer.js';
import { fail, type DomainError } from '../../../kernel/domain/errors.js';
import {
  ObjectStore,
  UploadAborted,
  type StoredObject,
} from '../../application/object-store.port.js';
import { STORAGE_ERRORS } from '../../domain/storage-errors.js';
import { loadS3Sdk, type S3Sdk } from './s3-sdk.js';

/**
 * Parts of a streamed upload: the smallest S3 allows. A body of up to 5 MiB (most scans) is held
 * in memory and sent as one PutObject once it has ended; a larger one (at most 10 MiB: two parts)
 * goes as a multipart upload, which becomes an object only on CompleteMultipartUpload.
 */
const PART_SIZE = 5 * 1024 * 1024;

/**
 * Documents as objects of one S3 bucket (AWS S3 or an S3-compatible server), shared by every
 * instance of the service. Uploads still come through the service's own route; it streams them
 * here with `@aws-sdk/lib-storage`, because a body of unknown length (chunked) must not be held
 * whole and an object must appear only for a complete, accepted body.
 *
 * S3 has no rename: `move` is a CopyObject (server-side, atomic at the target: a reader sees the
 * old object or the whole new one) followed by a DeleteObject of the source. A process killed
 * between the two leaves the source behind, which is what document storage's attempt sweep is
 * for; a multipart upload it never completed is invisible, and the bucket's lifecycle rule
 * (AbortIncompleteMultipartUpload) removes its parts.
 */
export class S3ObjectStore extends ObjectStore implements OnModuleDestroy {
  private readonly logger = new Logger(S3ObjectStore.name);

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly sdk: S3Sdk,
  ) {
    super();
  }

  /** A store on the configured bucket; loads the AWS SDK (s3-sdk.ts). */
  static async fromConfig(config: S3StorageConfig): Promise<S3ObjectStore> {
    const sdk = await loadS3Sdk();
    return new S3ObjectStore(new sdk.S3Client(clientConfig(config)), config.bucket, sdk);
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new this.sdk.HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw this.failure('check a document', error);
    }
  }

  async write(key: string, body: Readable, contentType: string): Promise<void> {
    const upload = new this.sdk.Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: contentType },
      partSize: PART_SIZE,
      queueSize: 1,
      // On failure lib-storage aborts a multipart upload it started: no parts are kept.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      const aborted = body.errored;
      if (aborted instanceof UploadAborted) {
        // The refused body's multipart upload could not be aborted: its parts are invisible, and
        // the bucket's lifecycle rule (AbortIncompleteMultipartUpload) removes them.
        if (error !== aborted) {
          this.logger.warn(logFields(error), 'Could not abort a refused multipart upload');
        }
        throw aborted;
      }
      throw this.failure('store an upload', error);
    }
  }

  async writeBytes(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    try {
      await this.client.send(
        new this.sdk.PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentType: contentType,
        }),
      );
    } catch (error) {
      throw this.failure('store a document', error);
    }
  }

  async move(from: string, to: string): Promise<boolean> {
    try {
      await this.client.send(
        // Keys are `[A-Za-z0-9_-]` segments joined by `/`: nothing in them needs encoding.
        new this.sdk.CopyObjectCommand({
          Bucket: this.bucket,
          Key: to,
          CopySource: `${this.bucket}/${from}`,
        }),
      );
    } catch (error) {
      if (isNotFound(error)) return false;
      throw this.failure('move a document', error);
    }
    try {
      await this.client.send(new this.sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: from }));
    } catch (error) {
      // The target is in place: the move happened. The source stays for the sweep to remove.
      this.logger.warn(logFields(error), 'Could not remove a moved document');
    }
    return true;
  }

  async remove(key: string): Promise<void> {
    try {
      await this.client.send(new this.sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (isNotFound(error)) return;
      throw this.failure('remove a document', error);
    }
  }

  async list(prefix: string, limit: number): Promise<StoredObject[]> {
    try {
      const page = await this.client.send(
        new this.sdk.ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, MaxKeys: limit }),
      );
      return (page.Contents ?? []).flatMap((object) =>
        object.Key !== undefined && object.LastModified !== undefined
          ? [{ key: object.Key, storedAt: object.LastModified }]
          : [],
      );
    } catch (error) {
      throw this.failure('list documents', error);
    }
  }

  /** Nothing to do: S3 keeps no unfinished write visible (see the class comment). */
  removeUnfinished(): Promise<number> {
    return Promise.resolve(0);
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }

  private failure(what: string, cause: unknown): DomainError {
    this.logger.error(logFields(cause), `Document storage could not ${what}`);
    return fail(STORAGE_ERRORS.storageUnavailable);
  }
}

export function clientConfig(config: S3StorageConfig): S3ClientConfig {
  return {
    region: config.region,
    ...(config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    ...(config.accessKeyId !== undefined && config.secretAccessKey !== undefined
      ? {
          credentials: {
            accessKeyId: config.accessKeyId,
            secretAccessKey: config.secretAccessKey,
          },
        }
      : {}),
    // The SDK's default integrity checksums (since 3.729) are refused by many S3-compatible
    // servers; S3 itself does not need them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // An unreachable store answers 503 in seconds rather than holding the upload open.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 30_000 },
  };
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } } | null;
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * What is logged of an S3 failure: the error as every log line has it (its type, message, code,
 * stack and causes, not the SDK's raw response with its request details) and the HTTP status S3
 * answered with, if any.
 */
function logFields(error: unknown): Record<string, unknown> {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata
    ?.httpStatusCode;
  return { err: serializeError(error), ...(typeof status === 'number' ? { status } : {}) };
}
