import { approveAmr, createAmr } from './auth-method-requests.js';
import { registerPerson } from './persons.js';
import type { TestApp } from './test-app.js';
import { tokenFor } from './tokens.js';
import { v3Body } from './v3.js';

/** Headers of a client that creates, reads and approves authentication method requests. */
export const AMR = {
  Authorization: `Bearer ${tokenFor(['authentication_method_request:write', 'authentication_method_request:read'])}`,
};
/** Headers of a client that creates, reads, approves and rejects person requests. */
export const PR = {
  Authorization: `Bearer ${tokenFor(['person_request:write', 'person_request:read'])}`,
};

/** A NEW request whose approve needs scans (PASSPORT and NATIONAL_ID) and no code. */
export interface OfflineRequest {
  readonly id: string;
  /** The person of an authentication method request; undefined for a person request. */
  readonly personId: string | undefined;
  readonly documents: readonly { type: string; url: string }[];
}

let aliases = 0;

/** A person whose current method is OFFLINE, with a passport and a national id. */
export function offlinePerson(t: TestApp): Promise<Record<string, any>> {
  return registerPerson(t, {
    documents: [
      { type: 'PASSPORT', number: 'АА123456' },
      { type: 'NATIONAL_ID', number: '123456789' },
    ],
    authentication_methods: [{ type: 'OFFLINE' }],
  });
}

/**
 * A NEW authentication method request of an OFFLINE person (a new alias for the method): its
 * approve needs the scans of both documents and no code. A newer one cancels it.
 */
export async function offlineAuthMethodRequest(
  t: TestApp,
  person?: Record<string, any>,
): Promise<OfflineRequest> {
  const owner = person ?? (await offlinePerson(t));
  const res = await createAmr(t, AMR, owner.id, {
    action: 'update',
    authentication_method: { id: owner.authentication_methods[0].id, alias: `a${aliases++}` },
  }).expect(201);
  return { id: res.body.data.id, personId: owner.id, documents: res.body.urgent.documents };
}

/** A NEW person request whose person authenticates OFFLINE (PASSPORT and NATIONAL_ID scans). */
export async function offlinePersonRequest(t: TestApp): Promise<OfflineRequest> {
  const res = await t.http
    .post('/api/v3/person_requests')
    .set(PR)
    .send(v3Body({ person: { authentication_methods: [{ type: 'OFFLINE' }] } }))
    .expect(201);
  return { id: res.body.data.id, personId: undefined, documents: res.body.urgent.documents };
}

/** Approves either kind of offline request (its scans must be there); the answer is not checked. */
export function approveOffline(t: TestApp, request: OfflineRequest) {
  return request.personId === undefined
    ? t.http.patch(`/api/v3/person_requests/${request.id}/actions/approve`).set(PR)
    : approveAmr(t, AMR, request.personId, request.id);
}

/** The document key an upload URL writes to. */
export const keyIn = (url: string): string => new URL(url).pathname.slice('/api/uploads/'.length);
