import { isDocumentKind } from '../domain/document-key.js';

/**
 * Upload URLs outlive nothing: they take files only while the request that owns them is still
 * NEW (docs/api.md, Service endpoints). Document storage cannot tell, so each feature that hands out upload URLs
 * registers the kind of its keys (the first segment, e.g. `person_requests`) with a target that
 * answers for its own records.
 */
export interface UploadTarget {
  /** Whether the record `id` still takes uploads: it exists, is NEW and has not expired. */
  isOpen(id: string): Promise<boolean>;
  /** The client the record `id` belongs to (an upload acts for it), or null when there is none. */
  clientOf(id: string): Promise<string | null>;
  /**
   * Runs `work` (an upload that has arrived becoming the document) while the record `id` is
   * locked as the actions that close it (approve, reject, cancel) lock it, and only if it is still
   * open then; resolves whether it ran. The lock is held until `work` has settled, so such an
   * action runs wholly before the upload becomes the document (and then refuses it) or wholly
   * after (and then sees it).
   */
  whileOpen(id: string, work: () => Promise<void>): Promise<boolean>;
}

/**
 * Port: where features register their upload targets, once per kind, when their module starts
 * (`onModuleInit`), for example `targets.register('person_requests', this)`.
 */
export abstract class UploadTargets {
  abstract register(kind: string, target: UploadTarget): void;
}

/** Port: whether the record of kind `kind` and id `id` still takes uploads. */
export abstract class UploadGate {
  abstract isOpen(kind: string, id: string): Promise<boolean>;
  /** UploadTarget.clientOf of the kind's target; null for a kind nobody registered. */
  abstract clientOf(kind: string, id: string): Promise<string | null>;
  /** UploadTarget.whileOpen of the kind's target; a kind nobody registered runs nothing. */
  abstract whileOpen(kind: string, id: string, work: () => Promise<void>): Promise<boolean>;
}

/** The targets registered by the features; a kind that nobody registered takes no uploads. */
export class RegisteredUploadTargets implements UploadTargets, UploadGate {
  private readonly targets = new Map<string, UploadTarget>();

  register(kind: string, target: UploadTarget): void {
    if (!isDocumentKind(kind)) throw new Error(`Not a document kind: ${JSON.stringify(kind)}`);
    if (this.targets.has(kind)) throw new Error(`Upload target ${kind} is registered twice`);
    this.targets.set(kind, target);
  }

  async isOpen(kind: string, id: string): Promise<boolean> {
    const target = this.targets.get(kind);
    return target !== undefined && (await target.isOpen(id));
  }

  async clientOf(kind: string, id: string): Promise<string | null> {
    const target = this.targets.get(kind);
    return target === undefined ? null : target.clientOf(id);
  }

  async whileOpen(kind: string, id: string, work: () => Promise<void>): Promise<boolean> {
    const target = this.targets.get(kind);
    return target !== undefined && (await target.whileOpen(id, work));
  }
}
