import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { fail, type DomainError } from '../../kernel/domain/errors.js';
import { auditedClient, auditedResource } from '../../platform/audit/audit-scope.js';
import { attemptKey, documentOwner, isUploadKey } from '../domain/document-key.js';
import { ObjectStore } from './object-store.port.js';
import { UploadGate } from './upload-gate.js';
import { UploadMeter, type UploadRefusal } from './upload-meter.js';
import { UploadUrls } from './upload-urls.js';
import { STORAGE_ERRORS } from '../domain/storage-errors.js';

/** Largest accepted document (docs/api.md, Envelope: 10 MiB for a document upload). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** A body this far over the limit is no longer read to the end: the connection is dropped. */
const DRAIN_LIMIT = 4 * MAX_DOCUMENT_BYTES;

/** The one answer to every refused URL: a caller learns nothing about why. */
export const UPLOAD_REFUSED = STORAGE_ERRORS.uploadRefused.message;

export type UploadOutcome =
  | { readonly stored: true; readonly size: number }
  | { readonly stored: false; readonly reason: UploadRefusal };

/**
 * `PUT` to a signed upload URL (docs/api.md, Document uploads): the URL and its owner are checked
 * before a byte of the body is read, then the body streams into an attempt of its own in the
 * object store, and the attempt becomes the document only if the request is still NEW when the
 * body has arrived, decided under the request's row lock (UploadGate.whileOpen). An approve that
 * committed while the body was on its way therefore keeps the scan it approved.
 */
@Injectable()
export class ReceiveUploadUseCase {
  private readonly logger = new Logger('DocumentUpload');

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
    // The audit trail records an upload as the act of the client owning the request.
    const client = await this.gate.clientOf(owner.kind, owner.id);
    if (client !== null) auditedClient(client);
    auditedResource(owner.id);
    return key;
  }

  /**
   * Stores a JPEG of at most 10 MiB under an authorized key, replacing an earlier upload. A
   * refused or broken body leaves the earlier one (or nothing) in place. A request that stopped
   * taking uploads while the body arrived is the DomainError 'forbidden_upload' of `authorize`,
   * and leaves the earlier document and no attempt.
   */
  async receive(key: string, body: Readable, declaredLength?: number): Promise<UploadOutcome> {
    // Unread, the body is discarded by Node's HTTP server once the response is sent.
    if (declaredLength !== undefined && declaredLength > MAX_DOCUMENT_BYTES) {
      return { stored: false, reason: 'too_large' };
    }
    const owner = documentOwner(key);
    if (owner === undefined) throw refused();
    const attempt = attemptKey(key, randomUUID());
    const meter = new UploadMeter(MAX_DOCUMENT_BYTES, DRAIN_LIMIT);
    const writing = this.store.write(attempt, meter.output, 'image/jpeg');
    // A store that gave up reads no more: the meter then discards the rest of the body.
    writing.catch(() => meter.output.destroy());
    const verdict = await meter.run(body);
    if (!verdict.accepted) {
      // The store has dropped the body (UploadAborted) by the time the refusal is answered.
      await writing.catch(() => undefined);
      return { stored: false, reason: verdict.reason };
    }
    await writing;
    let kept = false;
    try {
      kept = await this.gate.whileOpen(owner.kind, owner.id, () => this.keep(attempt, key));
    } finally {
      if (!kept) await this.drop(attempt);
    }
    if (!kept) throw refused();
    return { stored: true, size: verdict.size };
  }

  private async keep(attempt: string, key: string): Promise<void> {
    // Only this request has the attempt's key, and nothing removes it this young: gone means the
    // store lost it.
    if (!(await this.store.move(attempt, key))) throw fail(STORAGE_ERRORS.storageUnavailable);
  }

  private async drop(attempt: string): Promise<void> {
    try {
      await this.store.remove(attempt);
    } catch {
      // Logged by the store; the attempt sweep removes it later.
      this.logger.warn({ attempt }, 'An upload that was not kept is left for the attempt sweep');
    }
  }
}

function refused(): DomainError {
  return fail(STORAGE_ERRORS.uploadRefused);
}
