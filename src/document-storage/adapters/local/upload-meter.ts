import { Transform, type TransformCallback } from 'node:stream';

const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);

/**
 * Sits between an upload body and its file: counts the bytes, keeps the first three (JPEG magic)
 * and, once the body is over `limit`, passes nothing more on but keeps reading, so the client
 * still gets its 413 instead of a reset connection. Past `drainLimit` it gives up and fails.
 */
export class UploadMeter extends Transform {
  size = 0;
  private head = Buffer.alloc(0);

  constructor(
    private readonly limit: number,
    private readonly drainLimit: number,
  ) {
    super();
  }

  get tooLarge(): boolean {
    return this.size > this.limit;
  }

  get isJpeg(): boolean {
    return this.head.equals(JPEG_MAGIC);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.drainLimit) {
      done(new Error('Upload body is far over the limit'));
      return;
    }
    if (this.tooLarge) {
      done();
      return;
    }
    if (this.head.length < JPEG_MAGIC.length) {
      this.head = Buffer.concat([
        this.head,
        chunk.subarray(0, JPEG_MAGIC.length - this.head.length),
      ]);
    }
    done(null, chunk);
  }
}
