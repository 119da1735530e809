import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Logger } from '@nestjs/common';
import { fail, type DomainError } from '../../../kernel/domain/errors.js';
import {
  ObjectStore,
  UploadAborted,
  type StoredObject,
} from '../../application/object-store.port.js';
import { isDocumentKey } from '../../domain/document-key.js';
import { STORAGE_ERRORS } from '../../domain/storage-errors.js';

const INCOMING = '.incoming';
const PARTIAL = '.part';

/**
 * Documents as files under `<DATA_DIR>/documents/<key>`: the one-machine default. A file appears
 * under its key only once complete: bytes are written to `documents/.incoming/<uuid>.part` and
 * renamed into place, which also replaces an earlier file at once. A process killed mid-write
 * leaves its `.part` file behind for `removeUnfinished`.
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
      if (isMissing(error)) return false;
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

  async move(from: string, to: string): Promise<boolean> {
    const source = this.pathOf(from);
    const target = this.pathOf(to);
    try {
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      await rename(source, target);
    } catch (error) {
      if (isMissing(error) && !(await this.exists(from))) return false;
      throw this.failure('move a document', error);
    }
    await this.prune(from);
    return true;
  }

  async remove(key: string): Promise<void> {
    await this.io('remove a document', () => rm(this.pathOf(key), { force: true }));
    await this.prune(key);
  }

  async list(prefix: string, limit: number): Promise<StoredObject[]> {
    const dir = this.pathOf(prefix.replace(/\/$/, ''));
    let entries: { name: string; parentPath: string; isFile(): boolean }[];
    try {
      entries = await readdir(dir, { recursive: true, withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw this.failure('list documents', error);
    }
    const found: StoredObject[] = [];
    for (const entry of entries) {
      if (found.length >= limit) break;
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      const key = relative(this.root, path).split(sep).join('/');
      if (!isDocumentKey(key)) continue;
      const modified = await this.modifiedAt(path);
      if (modified) found.push({ key, storedAt: modified });
    }
    return found;
  }

  async removeUnfinished(before: Date): Promise<number> {
    const incoming = join(this.root, INCOMING);
    let names: string[];
    try {
      names = await readdir(incoming);
    } catch (error) {
      if (isMissing(error)) return 0;
      throw this.failure('list unfinished writes', error);
    }
    let removed = 0;
    for (const name of names.filter((n) => n.endsWith(PARTIAL))) {
      const path = join(incoming, name);
      const modified = await this.modifiedAt(path);
      if (modified === undefined || modified >= before) continue;
      await this.io('remove an unfinished write', () => rm(path, { force: true }));
      removed += 1;
    }
    return removed;
  }

  /** Has `fill` write a fresh file in `.incoming/`, then renames it to the key's path. */
  private async place(key: string, fill: (partial: string) => Promise<void>): Promise<void> {
    const target = this.pathOf(key);
    const incoming = join(this.root, INCOMING);
    const partial = join(incoming, `${randomUUID()}${PARTIAL}`);
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

  /**
   * Removes the directories a removed key leaves empty, up to its first segment: under
   * `attempts/<attempt id>/` they belong to one attempt, so nobody else is creating a file there.
   */
  private async prune(key: string): Promise<void> {
    const top = this.pathOf(key.split('/')[0]);
    for (let dir = dirname(this.pathOf(key)); dir !== top && dir.startsWith(top + sep);) {
      try {
        await rmdir(dir);
      } catch {
        return;
      }
      dir = dirname(dir);
    }
  }

  private async modifiedAt(path: string): Promise<Date | undefined> {
    try {
      return new Date((await stat(path)).mtimeMs);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw this.failure('check a document', error);
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
    return fail(STORAGE_ERRORS.storageUnavailable);
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
