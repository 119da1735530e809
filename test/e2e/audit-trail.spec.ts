import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { SignatureVerifier } from '../../src/signature/application/signature-verifier.port.js';
import { V3_REQUEST_EXAMPLE } from '../../src/person-request/adapters/http/v3-request.example.js';
import { auditRows, type AuditRowOf } from '../support/audit.js';
import { amrPath } from '../support/auth-method-requests.js';
import { FakeSignatureVerifier } from '../support/fakes/fake-signature-verifier.js';
import { offlineAuthMethodRequest, offlinePersonRequest } from '../support/offline-requests.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { registerPerson } from '../support/persons.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ALL_SCOPES, TEST_CLIENT_ID, TEST_USER_ID, tokenFor } from '../support/tokens.js';
import { putJpeg } from '../support/uploads.js';
import { v3Body } from '../support/v3.js';
import { verifyPhone } from '../support/verifications.js';

const ALL = { Authorization: `Bearer ${tokenFor([...ALL_SCOPES, 'audit_log:read'])}` };
const OTHER_CLIENT = '0c7a8f4e-5d6b-4a3c-9b2d-1e0f9a8b7c6d';
const OTHER = {
  Authorization: `Bearer ${tokenFor(ALL_SCOPES, { clientId: OTHER_CLIENT })}`,
};
const REQUEST_PHONE = '+380671112233';
const VERIFIED_PHONE = '+380931234567';
const PERSON = { first_name: 'Ярослава', last_name: 'Квітчастенко', tax_id: '3184709858' };
const PERSON_PHONE = '+380991234567';

/** Every personal value the flows below send: none may reach the audit table. */
const PERSONAL_VALUES = [
  REQUEST_PHONE,
  VERIFIED_PHONE,
  PERSON_PHONE,
  ...[REQUEST_PHONE, VERIFIED_PHONE, PERSON_PHONE].map((p) => p.slice(1)),
  ...[REQUEST_PHONE, VERIFIED_PHONE, PERSON_PHONE].map((p) => p.slice(4)),
  PERSON.first_name,
  PERSON.last_name,
  PERSON.tax_id,
  V3_REQUEST_EXAMPLE.person.tax_id,
  V3_REQUEST_EXAMPLE.person.birth_date,
  ...V3_REQUEST_EXAMPLE.person.names.flatMap((n) => [n.first_name, n.last_name]),
  ...V3_REQUEST_EXAMPLE.person.documents.map((d) => d.number),
  '1990-02-13',
  'АА123456',
];

describe('audit trail: one row per write and per read of a person’s data', () => {
  let t: TestApp;
  const sms = new CapturingSmsSender();
  const ids: Record<string, string> = {};
  let rows: AuditRowOf[];

  const rowsOf = (action: string, resourceType: string): AuditRowOf[] =>
    rows.filter((r) => r.action === action && r.resource_type === resourceType);

  beforeAll(async () => {
    t = await createTestApp({
      customize: (b) =>
        b
          .overrideProvider(SmsSender)
          .useValue(sms)
          .overrideProvider(SignatureVerifier)
          .useValue(new FakeSignatureVerifier()),
    });

    // A person, read every way, and searched for.
    const person = await registerPerson(t, {
      ...PERSON,
      birth_date: '1990-02-13',
      phones: [{ type: 'MOBILE', number: PERSON_PHONE }],
      authentication_methods: [{ type: 'OTP', phone_number: PERSON_PHONE }],
    });
    ids.person = person.id as string;
    await t.http.get(`/api/persons/${ids.person}`).set(ALL).expect(200);
    await t.http.get(`/api/persons/${ids.person}/authentication_methods`).set(ALL).expect(200);
    await t.http.get(`/api/persons/${ids.person}/verification`).set(ALL).expect(200);
    await t.http
      .get('/api/persons')
      .query({
        first_name: PERSON.first_name,
        last_name: PERSON.last_name,
        birth_date: '1990-02-13',
        tax_id: PERSON.tax_id,
      })
      .set(ALL)
      .expect(200);

    // Phone verification.
    await verifyPhone(t, sms, VERIFIED_PHONE, { headers: ALL });
    await t.http
      .get(`/api/verifications/${encodeURIComponent(VERIFIED_PHONE)}`)
      .set(ALL)
      .expect(200);

    // A v3 person request: create, read, list, resend, approve, sign.
    const created = await t.http
      .post('/api/v3/person_requests')
      .set(ALL)
      .send(
        v3Body({
          person: { authentication_methods: [{ type: 'OTP', phone_number: REQUEST_PHONE }] },
        }),
      )
      .expect(201);
    ids.request = created.body.data.id as string;
    await t.http.get(`/api/v3/person_requests/${ids.request}`).set(ALL).expect(200);
    await t.http.get('/api/v3/person_requests').set(ALL).expect(200);
    await t.http
      .post(`/api/person_requests/${ids.request}/actions/resend_otp`)
      .set(ALL)
      .expect(200);
    // A wrong code: refused, recorded, and the request stays NEW.
    await t.http
      .patch(`/api/v3/person_requests/${ids.request}/actions/approve`)
      .set(ALL)
      .send({ verification_code: wrongCode(sms.lastCodeFor(REQUEST_PHONE)) })
      .expect(422);
    const approved = await t.http
      .patch(`/api/v3/person_requests/${ids.request}/actions/approve`)
      .set(ALL)
      .send({ verification_code: Number(sms.lastCodeFor(REQUEST_PHONE)) })
      .expect(201);
    const document = JSON.stringify({ ...approved.body.data, patient_signed: true });
    await t.http
      .patch(`/api/v3/person_requests/${ids.request}/actions/sign`)
      .set(ALL)
      .send({ signed_content: Buffer.from(document).toString('base64') })
      .expect(200);

    // Another request, rejected; another client's attempt at it is a 404.
    const offline = await offlinePersonRequest(t);
    ids.rejected = offline.id;
    await t.http
      .patch(`/api/v3/person_requests/${offline.id}/actions/reject`)
      .set(OTHER)
      .expect(404);
    await t.http.patch(`/api/v3/person_requests/${offline.id}/actions/reject`).set(ALL).expect(200);

    // An authentication method request: create, read, resend, approve with the code.
    const methodId = (
      await t.http.get(`/api/persons/${ids.person}/authentication_methods`).set(ALL).expect(200)
    ).body.data[0].id as string;
    const amr = await t.http
      .post(amrPath(ids.person))
      .set(ALL)
      .send({ action: 'update', authentication_method: { id: methodId, alias: 'work' } })
      .expect(201);
    ids.amr = amr.body.data.id as string;
    await t.http.get(amrPath(ids.person, ids.amr)).set(ALL).expect(200);
    await t.http
      .post(amrPath(ids.person, ids.amr, 'resend_otp'))
      .set(ALL)
      .expect(200);
    await t.http
      .patch(amrPath(ids.person, ids.amr, 'approve'))
      .set(ALL)
      .send({ verification_code: sms.lastCodeFor(PERSON_PHONE) })
      .expect(201);

    // An OFFLINE one: its scans are uploads, recorded for the owning client without a sub.
    const scanned = await offlineAuthMethodRequest(t);
    ids.scanned = scanned.id;
    for (const d of scanned.documents) await putJpeg(t, d.url).expect(200);

    rows = await auditRows(t);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('records every audited route of the flows, with the caller and the call', () => {
    const expected: [string, string, string | null, number][] = [
      ['create', 'person', ids.person, 201],
      ['read', 'person', ids.person, 200],
      ['read', 'person_authentication_methods', ids.person, 200],
      ['read', 'person_verification', ids.person, 200],
      ['search', 'person', null, 200],
      ['create', 'phone_verification', null, 200],
      ['complete', 'phone_verification', null, 200],
      ['read', 'phone_verification', null, 200],
      ['create', 'person_request', ids.request, 201],
      ['read', 'person_request', ids.request, 200],
      ['list', 'person_request', null, 200],
      ['resend', 'person_request', ids.request, 200],
      ['approve', 'person_request', ids.request, 422],
      ['approve', 'person_request', ids.request, 201],
      ['sign', 'person_request', ids.request, 200],
      ['reject', 'person_request', ids.rejected, 404],
      ['reject', 'person_request', ids.rejected, 200],
      ['create', 'authentication_method_request', ids.amr, 201],
      ['read', 'authentication_method_request', ids.amr, 200],
      ['resend', 'authentication_method_request', ids.amr, 200],
      ['approve', 'authentication_method_request', ids.amr, 201],
      ['upload', 'document_upload', ids.scanned, 200],
    ];
    for (const [action, type, id, status] of expected) {
      const found = rowsOf(action, type).filter(
        (r) => r.status === status && (id === null || r.resource_id === id),
      );
      expect({ action, type, status, found: found.length > 0 }).toEqual({
        action,
        type,
        status,
        found: true,
      });
    }
    const mine = rows.filter((r) => r.action !== 'upload' && r.client_id === TEST_CLIENT_ID);
    expect(mine.every((r) => r.sub === TEST_USER_ID && /^[0-9a-f-]{36}$/.test(r.request_id))).toBe(
      true,
    );
    expect(rowsOf('reject', 'person_request').find((r) => r.status === 404)?.client_id).toBe(
      OTHER_CLIENT,
    );
  });

  it('names a phone verification by its id, never by the phone', () => {
    for (const row of [
      ...rowsOf('create', 'phone_verification'),
      ...rowsOf('complete', 'phone_verification'),
    ]) {
      expect(row.resource_id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('keeps the names of a search’s parameters and a list’s count, not their values', () => {
    expect(rowsOf('search', 'person')[0].details).toEqual({
      count: 1,
      parameters: ['birth_date', 'first_name', 'last_name', 'tax_id'],
    });
    expect(rowsOf('list', 'person_request')[0].details).toEqual({ count: 1 });
  });

  it('records an upload for the client owning the request, with no sub', () => {
    const uploads = rowsOf('upload', 'document_upload');
    expect(uploads).toHaveLength(2);
    expect(uploads.every((r) => r.client_id === TEST_CLIENT_ID && r.sub === null)).toBe(true);
  });

  it('holds no personal value anywhere in the table', async () => {
    const all = await t.pool.query<{ row: string }>(
      `SELECT row_to_json(a)::text AS row FROM audit_log a`,
    );
    expect(all.rows.length).toBeGreaterThan(20);
    const text = all.rows.map((r) => r.row).join('\n');
    for (const value of PERSONAL_VALUES)
      expect({ value, found: text.includes(value) }).toEqual({ value, found: false });
  });

  it('records a refused write in a transaction of its own, and the write did not happen', async () => {
    const offline = await offlinePersonRequest(t);
    // No scans uploaded: the approve is refused (409), the request stays NEW.
    await t.http
      .patch(`/api/v3/person_requests/${offline.id}/actions/approve`)
      .set(ALL)
      .expect(409);
    const status = await t.pool.query<{ status: string }>(
      'SELECT status FROM person_requests WHERE id = $1',
      [offline.id],
    );
    expect(status.rows[0].status).toBe('NEW');
    const mine = (await auditRows(t)).filter((r) => r.resource_id === offline.id);
    expect(mine.map((r) => [r.action, r.status])).toEqual([
      ['create', 201],
      ['approve', 409],
    ]);
  });

  it('records a write refused for its body (unreadable JSON, invalid fields) with its status', async () => {
    const offline = await offlinePersonRequest(t);
    await t.http
      .patch(`/api/v3/person_requests/${offline.id}/actions/reject`)
      .set(ALL)
      .set('Content-Type', 'application/json')
      .send('{"not json')
      .expect(400);
    await t.http
      .post('/api/v3/person_requests')
      .set(ALL)
      .send({ person: { tax_id: PERSON.tax_id } })
      .expect(422);
    const mine = await auditRows(t);
    expect(
      mine.filter((r) => r.resource_id === offline.id).map((r) => [r.action, r.status]),
    ).toEqual([
      ['create', 201],
      ['reject', 400],
    ]);
    expect(mine.at(-1)).toMatchObject({ action: 'create', resource_id: null, status: 422 });
  });

  it('does not record a call without a valid token', async () => {
    const before = (await auditRows(t)).length;
    await t.http.get(`/api/persons/${ids.person}`).expect(401);
    await t.http
      .get(`/api/persons/${ids.person}`)
      .set(
        'Authorization',
        `Bearer ${tokenFor('person:read', { secret: 'another-secret-that-is-long-enough-0123456789' })}`,
      )
      .expect(401);
    expect((await auditRows(t)).length).toBe(before);
  });

  describe('GET /api/audit_log', () => {
    it('needs audit_log:read', async () => {
      const res = await t.http.get('/api/audit_log').set(OTHER).expect(403);
      expect(res.body.error.message).toContain('audit_log:read');
    });

    it('filters by resource, by client and by time, newest first, paged', async () => {
      await auditRows(t);
      const byRequest = await t.http
        .get('/api/audit_log')
        .query({ resource_id: ids.request })
        .set(ALL)
        .expect(200);
      const actions = byRequest.body.data.map((r: { action: string }) => r.action);
      expect(actions).toEqual(
        expect.arrayContaining(['create', 'read', 'resend', 'approve', 'sign']),
      );
      expect(
        byRequest.body.data.every((r: { resource_id: string }) => r.resource_id === ids.request),
      ).toBe(true);
      const order = byRequest.body.data.map((r: { at: string; id: string }) => [
        r.at,
        Number(r.id),
      ]);
      expect(order).toEqual(
        [...order].sort(([a1, i1], [a2, i2]) => (a1 === a2 ? i2 - i1 : a1 < a2 ? 1 : -1)),
      );

      const other = await t.http
        .get('/api/audit_log')
        .query({ client_id: OTHER_CLIENT })
        .set(ALL)
        .expect(200);
      expect(other.body.data).toHaveLength(1);
      expect(other.body.data[0]).toMatchObject({
        action: 'reject',
        status: 404,
        client_id: OTHER_CLIENT,
      });

      const total = rows.length;
      const page = await t.http
        .get('/api/audit_log')
        .query({ page: 2, page_size: 5 })
        .set(ALL)
        .expect(200);
      expect(page.body.data).toHaveLength(5);
      expect(page.body.paging).toMatchObject({ page_number: 2, page_size: 5 });
      expect(page.body.paging.total_entries).toBeGreaterThanOrEqual(total);

      const now = t.clock.now().toISOString();
      const before = await t.http.get('/api/audit_log').query({ to: now }).set(ALL).expect(200);
      expect(before.body.data).toHaveLength(0);
      const from = await t.http
        .get('/api/audit_log')
        .query({ from: now, page_size: 300 })
        .set(ALL)
        .expect(200);
      expect(from.body.paging.total_entries).toBe(from.body.data.length);
      expect(from.body.data.length).toBeGreaterThanOrEqual(total);
    });

    it('refuses a malformed filter with 422', async () => {
      await t.http.get('/api/audit_log').query({ resource_id: 'not-an-id' }).set(ALL).expect(422);
      await t.http.get('/api/audit_log').query({ from: 'yesterday' }).set(ALL).expect(422);
    });
  });
});

/** A code of the same length that is not `code`. */
function wrongCode(code: string | undefined): number {
  const digits = code ?? '1111';
  return Number(
    digits === '9'.repeat(digits.length) ? '1'.repeat(digits.length) : '9'.repeat(digits.length),
  );
}
