import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../../platform/config/app-config.js';
import { APP_CONFIG } from '../../../platform/config/config.tokens.js';
import { Clock } from '../../../shared/application/clock.port.js';
import { DomainError, unavailable } from '../../../shared/domain/errors.js';
import { DocumentStorage } from '../../application/document-storage.port.js';
import { isDocumentKey, isScanKey } from '../../domain/document-key.js';
import { loadOrCreateSigningKey } from './signing-key.js';
import { UploadMeter } from './upload-meter.js';
import { isValidUpload, signUpload } from './upload-signature.js';

/** Largest accepted document (api.md §1: 10 MiB for a document upload). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** A body this far over the limit is no longer read to the end: the connection is dropped. */
const DRAIN_LIMIT = 4 * MAX_DOCUMENT_BYTES;
const INCOMING = '.incoming';

export const UPLOAD_REFUSED = 'Upload URL signature is invalid or expired';

export type StoreOutcome =
  | { readonly stored: true; readonly size: number }
  | { readonly stored: false; readonly reason: 'too_large' | 'not_jpeg' | 'interrupted' };

/**
 * The embedded document storage: files under `<DATA_DIR>/documents/<key>`, uploaded by `PUT` to
 * this service's own signed URLs (`/api/uploads/<key>?expires=..&signature=..`, see
 * UploadsController). A file appears under its key only once its upload is complete: bodies are
 * written to `documents/.incoming/` and renamed into place.
 */
@Injectable()
export class LocalDocumentStorage extends DocumentStorage {
  private readonly logger = new Logger(LocalDocumentStorage.name);
  private readonly root: string;
  private secret: Promise<Buffer> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
    this.root = resolve(config.dataDir, 'documents');
  }

  async uploadUrl(key: string): Promise<string> {
    if (!isDocumentKey(key)) throw new Error(`Not a valid document key: ${JSON.stringify(key)}`);
    const expires = this.nowSeconds() + this.config.documentUrlTtlSeconds;
    const signature = signUpload(await this.signingKey(), key, expires);
    return `${this.config.publicUrl}/api/uploads/${key}?expires=${expires}&signature=${signature}`;
  }

  async exists(key: string): Promise<boolean> {
    if (!isDocumentKey(key)) return false;
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return false;
      throw this.failure('check a document', error);
    }
  }

  /**
   * Checks an upload URL's key, expiry and signature; returns the key. Throws DomainError
   * 'forbidden_upload' with one message for every refusal, so a caller learns nothing about why.
   */
  async authorizeUpload(key: unknown, expires: unknown, signature: unknown): Promise<string> {
    if (
      !isScanKey(key) ||
      !isValidUpload(await this.signingKey(), key, expires, signature, this.nowSeconds())
    ) {
      throw new DomainError('forbidden_upload', UPLOAD_REFUSED);
    }
    return key;
  }

  /**
   * Reads an upload body (a JPEG of at most 10 MiB) into the file of `key`, replacing an earlier
   * upload. Nothing is left behind when the body is refused or breaks off.
   */
  async store(key: string, body: Readable, declaredLength?: number): Promise<StoreOutcome> {
    if (!isDocumentKey(key)) throw new Error(`Not a valid document key: ${JSON.stringify(key)}`);
    // Unread, the body is discarded by Node's HTTP server once the response is sent.
    if (declaredLength !== undefined && declaredLength > MAX_DOCUMENT_BYTES) {
      return { stored: false, reason: 'too_large' };
    }
    const incoming = join(this.root, INCOMING);
    const partial = join(incoming, `${randomUUID()}.part`);
    let placed = false;
    try {
      await this.io('prepare an upload', () => mkdir(incoming, { recursive: true, mode: 0o700 }));
      const meter = new UploadMeter(MAX_DOCUMENT_BYTES, DRAIN_LIMIT);
      try {
        await pipeline(
          body,
          meter,
          createWriteStream(partial, { flags: 'wx', mode: 0o600, flush: true }),
        );
      } catch (error) {
        if (meter.tooLarge) return { stored: false, reason: 'too_large' };
        if (!body.readableEnded) return { stored: false, reason: 'interrupted' };
        throw this.failure('write an upload', error);
      }
      if (meter.tooLarge) return { stored: false, reason: 'too_large' };
      if (!meter.isJpeg) return { stored: false, reason: 'not_jpeg' };
      const target = this.pathOf(key);
      await this.io('store an upload', async () => {
        await mkdir(dirname(target), { recursive: true, mode: 0o700 });
        await rename(partial, target);
      });
      placed = true;
      return { stored: true, size: meter.size };
    } finally {
      if (!placed) await rm(partial, { force: true });
    }
  }

  async put(key: string, bytes: Uint8Array, _contentType: string): Promise<void> {
    if (!isDocumentKey(key)) throw new Error(`Not a valid document key: ${JSON.stringify(key)}`);
    const target = this.pathOf(key);
    const partial = join(this.root, INCOMING, `${randomUUID()}.part`);
    await this.io('store a document', async () => {
      await mkdir(dirname(partial), { recursive: true, mode: 0o700 });
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      await writeFile(partial, bytes, { mode: 0o600, flush: true });
      await rename(partial, target);
    });
  }

  private pathOf(key: string): string {
    const path = resolve(this.root, key);
    // isDocumentKey already rules out escapes; this keeps it so if that rule ever loosens.
    if (!path.startsWith(this.root + sep)) throw new Error('Document key escapes the storage');
    return path;
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  private signingKey(): Promise<Buffer> {
    this.secret ??= loadOrCreateSigningKey(this.config.dataDir).catch((error: unknown) => {
      this.secret = undefined;
      throw this.failure('load the signing key', error);
    });
    return this.secret;
  }

  private async io<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw this.failure(what, error);
    }
  }

  private failure(what: string, cause: unknown): DomainError {
    this.logger.error({ err: cause }, `Document storage could not ${what}`);
    return unavailable('Document storage is unavailable');
  }
}
