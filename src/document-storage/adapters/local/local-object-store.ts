import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Logger } from '@nestjs/common';
import { ERRORS } from '../../../kernel/domain/error-catalogue.js';
import { fail, type DomainError } from '../../../kernel/domain/errors.js';
import { ObjectStore, UploadAborted } from '../../application/object-store.port.js';

const INCOMING = '.incoming';

/**
 * Documents as files under `<DATA_DIR>/documents/<key>`: the one-machine default. A file appears
 * under its key only once complete: bytes are written to `documents/.incoming/` and renamed into
 * place, which also replaces an earlier file at once.
 */
export class LocalObjectStore extends ObjectStore {
  private readonly logger = new Logger(LocalObjectStore.name);
  private readonly root: string;

  constructor(dataDir: string) {
    super();
    this.root = resolve(dataDir, 'documents');
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return false;
      throw this.failure('check a document', error);
    }
  }

  write(key: string, body: Readable): Promise<void> {
    return this.place(key, async (partial) => {
      try {
        await pipeline(body, createWriteStream(partial, { flags: 'wx', mode: 0o600, flush: true }));
      } catch (error) {
        if (error instanceof UploadAborted) throw error;
        throw this.failure('write an upload', error);
      }
    });
  }

  writeBytes(key: string, bytes: Uint8Array): Promise<void> {
    return this.place(key, (partial) =>
      this.io('write a document', () =>
        writeFile(partial, bytes, { flag: 'wx', mode: 0o600, flush: true }),
      ),
    );
  }

  /** Has `fill` write a fresh file in `.incoming/`, then renames it to the key's path. */
  private async place(key: string, fill: (partial: string) => Promise<void>): Promise<void> {
    const target = this.pathOf(key);
    const incoming = join(this.root, INCOMING);
    const partial = join(incoming, `${randomUUID()}.part`);
    let placed = false;
    try {
      await this.io('prepare a document', () => mkdir(incoming, { recursive: true, mode: 0o700 }));
      await fill(partial);
      await this.io('store a document', async () => {
        await mkdir(dirname(target), { recursive: true, mode: 0o700 });
        await rename(partial, target);
      });
      placed = true;
    } finally {
      if (!placed) await rm(partial, { force: true }).catch(() => undefined);
    }
  }

  private pathOf(key: string): string {
    const path = resolve(this.root, key);
    // Keys are checked before they get here; this keeps it so if that rule ever loosens.
    if (!path.startsWith(this.root + sep)) throw new Error('Document key escapes the storage');
    return path;
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
    return fail(ERRORS.storageUnavailable);
  }
}
