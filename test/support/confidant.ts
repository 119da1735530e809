import { signForDevelopment } from '../../src/signature/adapters/dev/dev-signer.js';
import type { CapturingSmsSender } from './otp-sms.js';
import { registerPerson, type PersonInput } from './persons.js';
import type { TestApp } from './test-app.js';
import { tokenFor } from './tokens.js';
import { uploadScans } from './uploads.js';

export const CONFIDANT_SCOPES = [
  'confidant_person_relationship_request:write',
  'confidant_person_relationship_request:read',
  'confidant_person_relationship:read',
];
export const OTHER_CLIENT_ID = '0c7a8f4e-5d6b-4a3c-9b2d-1e0f9a8b7c6d';
export const AS_A = { Authorization: `Bearer ${tokenFor(CONFIDANT_SCOPES)}` };
export const AS_B = {
  Authorization: `Bearer ${tokenFor(CONFIDANT_SCOPES, { clientId: OTHER_CLIENT_ID })}`,
};

export const requestsPath = (personId: string, rest = '') =>
  `/api/persons/${personId}/confidant_person_relationship_requests${rest}`;
export const relationshipsPath = (personId: string) =>
  `/api/persons/${personId}/confidant_person_relationships`;

export const RELATIONSHIP_DOCUMENT = {
  type: 'BIRTH_CERTIFICATE',
  number: 'АА120518',
  issued_by: 'Рокитнянським РВ ГУ МВС Київської області',
  issued_at: '2017-02-28',
  active_to: '2030-08-19',
};

export const insertBody = (
  confidantId: string,
  documents: unknown[] = [RELATIONSHIP_DOCUMENT],
) => ({
  confidant_person_id: confidantId,
  documents_relationship: documents,
});

let phoneSeq = 0;
/** A phone no other test of the file uses. */
export const nextPhone = (prefix = '+3806711'): string =>
  `${prefix}${String(phoneSeq++).padStart(13 - prefix.length, '0')}`;

/** An adult with an OTP method on a fresh phone. */
export async function adultWithOtp(
  t: TestApp,
  extra: PersonInput = {},
): Promise<{ person: Record<string, any>; phone: string }> {
  const phone = nextPhone();
  const person = await registerPerson(t, {
    authentication_methods: [{ type: 'OTP', phone_number: phone }],
    phones: [{ type: 'MOBILE', number: phone }],
    ...extra,
  });
  return { person, phone };
}

/** `data` of a request signed as the development signer, with `patient_signed: true`. */
export async function signedData(t: TestApp, data: Record<string, unknown>): Promise<string> {
  const bytes = Buffer.from(JSON.stringify({ ...data, patient_signed: true }));
  return (await signForDevelopment(t.config.dataDir, bytes)).signedContent;
}

/**
 * The whole road of a created request: scans uploaded, approved (with the last code of `phone`
 * when given), signed. Returns the sign's `data`.
 */
export async function completeRequest(
  t: TestApp,
  sms: CapturingSmsSender,
  personId: string,
  created: { data: Record<string, any>; urgent: Record<string, any> },
  phone?: string,
): Promise<Record<string, any>> {
  const id = created.data.id as string;
  await uploadScans(t, created.urgent.documents);
  const approved = await t.http
    .patch(requestsPath(personId, `/${id}/actions/approve`))
    .set(AS_A)
    .send(phone ? { verification_code: Number(sms.lastCodeFor(phone)) } : {})
    .expect(200);
  const signed = await t.http
    .patch(requestsPath(personId, `/${id}/actions/sign`))
    .set(AS_A)
    .send({ signed_content: await signedData(t, approved.body.data) })
    .expect(200);
  return signed.body.data as Record<string, any>;
}

/** Starts a relationship of `personId` (an OTP person of `phone`) with the confidant. */
export async function relate(
  t: TestApp,
  sms: CapturingSmsSender,
  personId: string,
  phone: string,
  confidantId: string,
): Promise<void> {
  const created = await t.http
    .post(requestsPath(personId))
    .set(AS_A)
    .send(insertBody(confidantId))
    .expect(201);
  await completeRequest(t, sms, personId, created.body, phone);
}
