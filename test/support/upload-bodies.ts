import { Readable } from 'node:stream';
import { JPEG } from './uploads.js';

/**
 * A streamed upload body of `size` bytes in 64 KiB chunks, as a network body arrives, starting
 * with `head` (a JPEG's start by default, so that the body passes for a JPEG).
 */
export function chunked(size: number, head: Buffer | string = JPEG): Readable {
  const chunk = Buffer.alloc(64 * 1024, 7);
  Buffer.from(head).copy(chunk);
  return Readable.from(
    (function* () {
      for (let sent = 0; sent < size; sent += chunk.length) {
        yield chunk.subarray(0, Math.min(chunk.length, size - sent));
      }
    })(),
  );
}
