import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ERRORS } from '../../kernel/domain/error-catalogue.js';
import { fail, type DomainError } from '../../kernel/domain/errors.js';
import { documentOwner, isUploadKey } from '../domain/document-key.js';
import { ObjectStore } from './object-store.port.js';
import { UploadGate } from './upload-gate.js';
import { UploadMeter, type UploadRefusal } from './upload-meter.js';
import { UploadUrls } from './upload-urls.js';

/** Largest accepted document (docs/api.md, Envelope: 10 MiB for a document upload). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** A body this far over the limit is no longer read to the end: the connection is dropped. */
const DRAIN_LIMIT = 4 * MAX_DOCUMENT_BYTES;

/** The one answer to every refused URL: a caller learns nothing about why. */
export const UPLOAD_REFUSED = ERRORS.uploadRefused.message;

export type UploadOutcome =
  | { readonly stored: true; readonly size: number }
  | { readonly stored: false; readonly reason: UploadRefusal };

/**
 * `PUT` to a signed upload URL (docs/api.md, Service endpoints): the URL and its owner are checked before a byte of the
 * body is read, then the body streams to the configured object store.
 */
@Injectable()
export class ReceiveUploadUseCase {
  constructor(
    private readonly urls: UploadUrls,
    private readonly gate: UploadGate,
    private readonly store: ObjectStore,
  ) {}

  /**
   * Checks the key, the signature and expiry, and that the request owning the key is still NEW;
   * returns the key. Every refusal is the same DomainError 'forbidden_upload' (403).
   */
  async authorize(key: unknown, expires: unknown, signature: unknown): Promise<string> {
    if (!isUploadKey(key) || !(await this.urls.verify(key, expires, signature))) throw refused();
    const owner = documentOwner(key);
    if (owner === undefined || !(await this.gate.isOpen(owner.kind, owner.id))) throw refused();
    return key;
  }

  /**
   * Stores a JPEG of at most 10 MiB under an authorized key, replacing an earlier upload. A
   * refused or broken body leaves the earlier one (or nothing) in place.
   */
  async receive(key: string, body: Readable, declaredLength?: number): Promise<UploadOutcome> {
    // Unread, the body is discarded by Node's HTTP server once the response is sent.
    if (declaredLength !== undefined && declaredLength > MAX_DOCUMENT_BYTES) {
      return { stored: false, reason: 'too_large' };
    }
    const meter = new UploadMeter(MAX_DOCUMENT_BYTES, DRAIN_LIMIT);
    const writing = this.store.write(key, meter.output, 'image/jpeg');
    // A store that gave up reads no more: the meter then discards the rest of the body.
    writing.catch(() => meter.output.destroy());
    const verdict = await meter.run(body);
    if (!verdict.accepted) {
      // The store has dropped the body (UploadAborted) by the time the refusal is answered.
      await writing.catch(() => undefined);
      return { stored: false, reason: verdict.reason };
    }
    await writing;
    return { stored: true, size: verdict.size };
  }
}

function refused(): DomainError {
  return fail(ERRORS.uploadRefused);
}
