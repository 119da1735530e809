import { PassThrough, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UploadAborted } from './object-store.port.js';

const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);

export type UploadRefusal = 'too_large' | 'not_jpeg' | 'interrupted';

export type UploadVerdict =
  | { readonly accepted: true; readonly size: number }
  | { readonly accepted: false; readonly reason: UploadRefusal };

/**
 * Sits between an upload body and the object store. It passes the body on to `output` while the
 * body is within `limit` and starts like a JPEG, and ends `output` only when the whole body
 * passed: a store commits on a clean end, so a refused body never becomes an object. On the first
 * sign of refusal `output` is destroyed with an UploadAborted and the store drops what it has.
 *
 * The body is still read to its end after a refusal, so the client gets its 413 or 400 instead of
 * a reset connection; past `drainLimit` the meter gives up and the connection is dropped. When the
 * store stops reading (it failed), the rest of the body is read and discarded too.
 */
export class UploadMeter {
  /** What the store reads. */
  readonly output = new PassThrough();
  private size = 0;
  private head = Buffer.alloc(0);
  private forwarding = true;

  constructor(
    private readonly limit: number,
    private readonly drainLimit: number,
  ) {
    // A body refused at its first bytes may be destroyed before the store listens.
    this.output.on('error', () => undefined);
  }

  /** Reads `source` to its end (or until it breaks) and says whether the body is acceptable. */
  async run(source: Readable): Promise<UploadVerdict> {
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => this.take(chunk, done),
      final: (done) => {
        this.finish();
        done();
      },
    });
    let broken = false;
    try {
      await pipeline(source, sink);
    } catch {
      broken = true;
    }
    const verdict = this.verdict(broken);
    if (!verdict.accepted) this.stop(verdict.reason);
    return verdict;
  }

  private take(chunk: Buffer, done: (error?: Error) => void): void {
    this.size += chunk.length;
    if (this.size > this.drainLimit) {
      done(new Error('Upload body is far over the limit'));
      return;
    }
    if (this.size > this.limit) this.stop('too_large');
    else if (!this.startsLikeJpeg(chunk)) this.stop('not_jpeg');
    if (!this.forwarding || this.output.destroyed || this.output.write(chunk)) {
      done();
      return;
    }
    const resume = (): void => {
      this.output.off('drain', resume);
      this.output.off('close', resume);
      done();
    };
    this.output.on('drain', resume);
    this.output.on('close', resume);
  }

  private finish(): void {
    if (this.head.length < JPEG_MAGIC.length) this.stop('not_jpeg');
    if (this.forwarding && !this.output.destroyed) this.output.end();
  }

  private startsLikeJpeg(chunk: Buffer): boolean {
    if (this.head.length < JPEG_MAGIC.length) {
      this.head = Buffer.concat([
        this.head,
        chunk.subarray(0, JPEG_MAGIC.length - this.head.length),
      ]);
    }
    return JPEG_MAGIC.subarray(0, this.head.length).equals(this.head);
  }

  private verdict(broken: boolean): UploadVerdict {
    if (this.size > this.limit) return { accepted: false, reason: 'too_large' };
    if (broken) return { accepted: false, reason: 'interrupted' };
    if (!this.forwarding) return { accepted: false, reason: 'not_jpeg' };
    return { accepted: true, size: this.size };
  }

  private stop(reason: UploadRefusal): void {
    if (!this.forwarding) return;
    this.forwarding = false;
    this.output.destroy(new UploadAborted(reason));
  }
}
