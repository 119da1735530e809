import type { Readable } from 'node:stream';
import { ObjectStore } from '../../../src/document-storage/application/object-store.port.js';

/** An object store in memory that keeps the port's contract: commit on a clean end only. */
export class MemoryObjectStore extends ObjectStore {
  readonly objects = new Map<string, Buffer>();
  /** When set, writes fail with it before reading a byte (the store is down). */
  failWith: Error | undefined;

  exists(key: string): Promise<boolean> {
    return Promise.resolve(this.objects.has(key));
  }

  async write(key: string, body: Readable): Promise<void> {
    if (this.failWith) throw this.failWith;
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    this.objects.set(key, Buffer.concat(chunks));
  }

  writeBytes(key: string, bytes: Uint8Array): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.objects.set(key, Buffer.from(bytes));
    return Promise.resolve();
  }
}
