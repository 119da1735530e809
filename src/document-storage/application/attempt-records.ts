import { isDocumentKind } from '../domain/document-key.js';

/**
 * A feature that keeps a document only once its own transaction has committed (the signed copy of
 * a sign) records the key of the attempt it keeps in that transaction. Should the process stop
 * between the commit and the move of the attempt to its document, the attempt sweep asks the
 * feature which attempt it recorded and finishes the move.
 */
export interface AttemptRecord {
  /** The attempt key recorded for the record `id` (of the kind registered), or null. */
  recordedAttempt(id: string): Promise<string | null>;
}

/**
 * Port: where features register their attempt records, once per kind of key (its first segment,
 * e.g. `person_requests`), when their module starts (`onModuleInit`).
 */
export abstract class AttemptRecords {
  abstract register(kind: string, record: AttemptRecord): void;
}

/** The records registered by the features; a kind nobody registered has recorded nothing. */
export class RegisteredAttemptRecords implements AttemptRecords {
  private readonly records = new Map<string, AttemptRecord>();

  register(kind: string, record: AttemptRecord): void {
    if (!isDocumentKind(kind)) throw new Error(`Not a document kind: ${JSON.stringify(kind)}`);
    if (this.records.has(kind)) throw new Error(`Attempt record ${kind} is registered twice`);
    this.records.set(kind, record);
  }

  async recordedAttempt(kind: string, id: string): Promise<string | null> {
    return (await this.records.get(kind)?.recordedAttempt(id)) ?? null;
  }
}
