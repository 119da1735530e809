import type { Readable } from 'node:stream';
import {
  ObjectStore,
  type StoredObject,
} from '../../../src/document-storage/application/object-store.port.js';

/**
 * An object store in memory that keeps the port's contract: commit on a clean end only, a move
 * that replaces its target whole and reports a missing source. Objects are stamped with the wall
 * clock, as a real store stamps them.
 */
export class MemoryObjectStore extends ObjectStore {
  readonly objects = new Map<string, Buffer>();
  readonly storedAt = new Map<string, Date>();
  /** When set, writes fail with it before reading a byte (the store is down). */
  failWith: Error | undefined;

  exists(key: string): Promise<boolean> {
    return Promise.resolve(this.objects.has(key));
  }

  async write(key: string, body: Readable): Promise<void> {
    if (this.failWith) throw this.failWith;
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    this.set(key, Buffer.concat(chunks));
  }

  writeBytes(key: string, bytes: Uint8Array, _contentType?: string): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.set(key, Buffer.from(bytes));
    return Promise.resolve();
  }

  move(from: string, to: string): Promise<boolean> {
    if (this.failWith) return Promise.reject(this.failWith);
    const bytes = this.objects.get(from);
    if (bytes === undefined) return Promise.resolve(false);
    this.set(to, bytes);
    this.objects.delete(from);
    this.storedAt.delete(from);
    return Promise.resolve(true);
  }

  remove(key: string): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.objects.delete(key);
    this.storedAt.delete(key);
    return Promise.resolve();
  }

  list(prefix: string, limit: number): Promise<StoredObject[]> {
    return Promise.resolve(
      [...this.storedAt]
        .filter(([key]) => key.startsWith(prefix))
        .slice(0, limit)
        .map(([key, storedAt]) => ({ key, storedAt })),
    );
  }

  /** Nothing is ever half-written here. */
  removeUnfinished(): Promise<number> {
    return Promise.resolve(0);
  }

  private set(key: string, bytes: Buffer): void {
    this.objects.set(key, bytes);
    this.storedAt.set(key, new Date());
  }
}
