import { Injectable, Logger } from '@nestjs/common';
import { signedContentKey } from '../domain/document-key.js';
import { DocumentStorage } from './document-storage.port.js';

const PKCS7 = 'application/pkcs7-mime';

/**
 * The signed copy of a request, `<kind>/<id>/signed_content.p7s`, holds the signature of the sign
 * that committed and never one of a sign that lost (docs/api.md, Person requests, sign, step 7).
 * Concurrent signs of one request all pass their checks before one of them wins the request's
 * lock, so none may write that key before it knows it won: each stores its copy as an attempt,
 * the winner records the attempt's key in its transaction, and only after the commit does the
 * attempt become the signed copy. A feature that signs a kind of request registers an
 * AttemptRecord for the kind, so that the attempt sweep can finish a move a crash interrupted.
 */
@Injectable()
export class SignedCopies {
  private readonly logger = new Logger('SignedCopies');

  constructor(private readonly storage: DocumentStorage) {}

  /**
   * Stores `bytes` as an attempt at the signed copy of `<kind>/<id>`, then runs `commit` with the
   * attempt's key, which `commit` records in its transaction. When `commit` resolves, the attempt
   * becomes the signed copy; when it throws (the sign lost, or failed), the attempt is removed
   * and the error goes on.
   */
  async keepIfCommitted<T>(
    kind: string,
    id: string,
    bytes: Uint8Array,
    commit: (attemptKey: string) => Promise<T>,
  ): Promise<T> {
    const attempt = await this.storage.putAttempt(signedContentKey(kind, id), bytes, PKCS7);
    let result: T;
    try {
      result = await commit(attempt);
    } catch (error) {
      await this.storage
        .dropAttempt(attempt)
        .catch(() => this.logger.warn({ attempt }, 'A losing attempt is left for the sweep'));
      throw error;
    }
    try {
      await this.storage.keepAttempt(attempt);
    } catch {
      // The sign has committed and its attempt is recorded: the sweep finishes the move, and the
      // signed copy's key holds nothing else meanwhile.
      this.logger.warn({ attempt }, 'A signed copy is left for the sweep to put in place');
    }
    return result;
  }
}
