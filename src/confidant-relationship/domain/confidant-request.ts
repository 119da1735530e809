import type { CurrentMethod } from '../../request-lifecycle/domain/current-method.js';
import { documentKey } from '../../document-storage/domain/document-key.js';
import { documentSlots, type DocumentSlot } from '../../request-lifecycle/domain/document-slot.js';
import type { Lifecycle, LifecycleRequest } from '../../request-lifecycle/domain/lifecycle.js';

export const CONFIDANT_REQUEST_STATUSES = [
  'NEW',
  'APPROVED',
  'COMPLETED',
  'CANCELED',
  'EXPIRED',
] as const;
export type ConfidantRequestStatus = (typeof CONFIDANT_REQUEST_STATUSES)[number];

export const CONFIDANT_ACTIONS = ['INSERT', 'DEACTIVATE'] as const;
export type ConfidantAction = (typeof CONFIDANT_ACTIONS)[number];

export type ConfidantTransition = 'approve' | 'sign';

/** The first segment of a confidant request's document keys, signed copy and codes. */
export const CONFIDANT_REQUESTS = 'confidant_person_relationship_requests';

/** A document proving a relationship, as the client sent it. */
export interface RelationshipDocument {
  readonly type: string;
  readonly number: string;
  /** Null only on relationships a person request started, whose documents may leave it out. */
  readonly issuedBy: string | null;
  /** `YYYY-MM-DD`; null as `issuedBy`. */
  readonly issuedAt: string | null;
  /** `YYYY-MM-DD`, when the document ends the relationship on a date. */
  readonly activeTo: string | null;
}

/** The relationship a DEACTIVATE request ends, as the client named it. */
export interface RelationshipRef {
  readonly id: string;
  /** The documents the client sent with it, each key as sent (echoed in `data`). */
  readonly documents: readonly Readonly<Record<string, string>>[];
}

export interface ConfidantRequest extends LifecycleRequest<ConfidantRequestStatus> {
  readonly personId: string;
  readonly channel: 'MIS';
  readonly action: ConfidantAction;
  readonly confidantPersonId: string;
  /** INSERT: the documents of the new relationship; DEACTIVATE: those of the one it ends. */
  readonly documentsRelationship: readonly RelationshipDocument[];
  /** DEACTIVATE only. */
  readonly relationship: RelationshipRef | null;
  readonly authorizeWith: string | null;
  /** The attempt key of the signed copy its sign recorded. */
  readonly signedContentAttemptKey: string | null;
}

const HOUR_MS = 3_600_000;

/**
 * A confidant request's road: NEW → APPROVED (code or scans) → COMPLETED (signed); NEW →
 * CANCELED when a newer request of the person replaces it; NEW and APPROVED expire after
 * `ttlHours`.
 */
export function confidantRequestLifecycle(
  ttlHours: number,
): Lifecycle<ConfidantRequestStatus, ConfidantTransition> {
  return {
    kind: CONFIDANT_REQUESTS,
    transitions: {
      approve: { from: ['NEW'], to: 'APPROVED' },
      sign: { from: ['APPROVED'], to: 'COMPLETED' },
    },
    expiresFrom: ['NEW', 'APPROVED'],
    expired: 'EXPIRED',
    ttlMs: ttlHours * HOUR_MS,
  };
}

/** A relationship document as the registry writes it. */
export function relationshipDocumentJson(d: RelationshipDocument): Record<string, string> {
  return {
    type: d.type,
    number: d.number,
    ...(d.issuedBy !== null ? { issued_by: d.issuedBy } : {}),
    ...(d.issuedAt !== null ? { issued_at: d.issuedAt } : {}),
    ...(d.activeTo !== null ? { active_to: d.activeTo } : {}),
  };
}

/**
 * `data` of a request: what GET and approve answer and what the patient's side signs (the sign
 * compares the signed JSON with it, `patient_signed` aside).
 */
export function confidantRequestData(r: ConfidantRequest): Record<string, unknown> {
  return {
    id: r.id,
    status: r.status,
    action: r.action,
    channel: r.channel,
    confidant_person_id: r.confidantPersonId,
    documents_relationship: r.documentsRelationship.map(relationshipDocumentJson),
    // Left out on an INSERT: a real client's validator takes an object or nothing, never null.
    ...(r.relationship
      ? {
          confidant_person_relationship: {
            id: r.relationship.id,
            documents_relationship: r.relationship.documents.map((d) => ({ ...d })),
          },
        }
      : {}),
    // Left out when none: the registry's DEACTIVATE answer allows a string only.
    ...(r.authorizeWith !== null ? { authorize_with: r.authorizeWith } : {}),
  };
}

/**
 * The scans approve needs: one per relationship document, keyed by its position, then, when the
 * current method resolves to OFFLINE or NA, one per document type of whoever confirms.
 */
export function confidantSlots(
  requestId: string,
  relationshipDocumentTypes: readonly string[],
  current: Pick<CurrentMethod, 'verifiedBy'>,
  confirmerDocumentTypes: readonly string[],
): DocumentSlot[] {
  const relationship = relationshipDocumentTypes.map((type, i) => ({
    type,
    key: documentKey(CONFIDANT_REQUESTS, requestId, `documents_relationship_${i}`),
  }));
  const confirmer =
    current.verifiedBy === 'OTP'
      ? []
      : documentSlots(CONFIDANT_REQUESTS, requestId, confirmerDocumentTypes);
  return [...relationship, ...confirmer];
}
