import { maskName, maskTail } from '../../../kernel/domain/masks.js';
import { maskPhone } from '../../../kernel/domain/phone.js';
import { Enveloped } from '../../../platform/http/envelope.js';
import type { Confirmation } from '../../../request-lifecycle/application/confirmation.js';
import type { CurrentMethod } from '../../../request-lifecycle/domain/current-method.js';
import { confidantRequestData, type ConfidantRequest } from '../../domain/confidant-request.js';
import type { RelationshipView } from '../../application/read-confidant.use-case.js';

/**
 * `urgent.authentication_method_current` of a confidant request: one object (person requests and
 * AMRs answer an array), the phone masked; a THIRD_PERSON method shows the third person's phone.
 * NA shows as OFFLINE, which is how it is confirmed here (scans), and the registry's only other
 * type.
 */
export function presentConfidantCurrentMethod(current: CurrentMethod): Record<string, unknown> {
  return {
    type: current.type === 'NA' ? 'OFFLINE' : current.type,
    ...(current.phoneNumber ? { phone_number: maskPhone(current.phoneNumber) } : {}),
  };
}

/** A request with `urgent`: who confirms, and the upload URLs while it is NEW. */
export async function withConfidantUrgent(
  confirmation: Confirmation,
  request: ConfidantRequest,
): Promise<Enveloped<unknown>> {
  const documents =
    request.status === 'NEW' ? await confirmation.uploadUrls(request.documents) : [];
  return new Enveloped(confidantRequestData(request), {
    urgent: {
      authentication_method_current: presentConfidantCurrentMethod(
        request.authenticationMethodCurrent,
      ),
      documents,
    },
  });
}

/** An item of the request list. */
export function presentConfidantRequestItem(r: ConfidantRequest): Record<string, unknown> {
  return { id: r.id, status: r.status, action: r.action, channel: r.channel };
}

/** An item of the relationship list, the confidant masked as the registry shows it. */
export function presentRelationship(view: RelationshipView): Record<string, unknown> {
  const { relationship: r, confidant: c } = view;
  return {
    id: r.id,
    active_to: r.activeTo,
    documents_relationship: r.documents.map((d) => ({ type: d.type, number: maskTail(d.number) })),
    relationship_verification_details: {
      verification_status: r.verificationStatus,
      verification_reason: r.verificationReason,
    },
    confidant_person: c
      ? {
          person_id: c.id,
          name: maskName(c),
          gender: c.gender,
          ...(c.taxId ? { tax_id: maskTail(c.taxId) } : {}),
          no_tax_id: c.noTaxId,
          documents_person: c.documents.map((d) => ({ type: d.type, number: maskTail(d.number) })),
          phones: c.phones.map((p) => ({ type: p.type ?? 'MOBILE', number: maskPhone(p.number) })),
        }
      : { person_id: r.confidantPersonId, name: '', no_tax_id: false },
  };
}
