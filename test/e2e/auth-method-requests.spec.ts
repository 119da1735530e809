import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { approveAmr, createAmr, readAmr } from '../support/auth-method-requests.js';
import { snapshot } from '../support/database.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { registerPerson } from '../support/persons.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_USER_ID, tokenFor } from '../support/tokens.js';
import { putJpeg, uploadScans } from '../support/uploads.js';
import { verifyPhone } from '../support/verifications.js';

const WRITE = { Authorization: `Bearer ${tokenFor('authentication_method_request:write')}` };
const READ = { Authorization: `Bearer ${tokenFor('authentication_method_request:read')}` };
const READ_PERSON = { Authorization: `Bearer ${tokenFor('person:read')}` };
const INVALID_TRANSITION = { type: 'request_conflict', message: 'Invalid transition' };

describe('authentication method requests', () => {
  let t: TestApp;
  const sms = new CapturingSmsSender();
  let phoneSeq = 100;
  const nextPhone = (): string => `+3806300${String(phoneSeq++).padStart(5, '0')}`;

  beforeAll(async () => {
    t = await createTestApp({ customize: (b) => b.overrideProvider(SmsSender).useValue(sms) });
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (personId: string, body: unknown) => createAmr(t, WRITE, personId, body);
  const approve = (personId: string, requestId: string, body?: unknown) =>
    approveAmr(t, WRITE, personId, requestId, body);
  const methods = async (personId: string) =>
    (
      await t.http
        .get(`/api/persons/${personId}/authentication_methods`)
        .set(READ_PERSON)
        .expect(200)
    ).body.data as Record<string, any>[];
  const verification = async (personId: string) =>
    (await t.http.get(`/api/persons/${personId}/verification`).set(READ_PERSON).expect(200)).body
      .data as Record<string, any>;
  const events = async (personId: string) =>
    (await t.pool.query('SELECT * FROM events WHERE entity_id = $1 ORDER BY seq', [personId])).rows;
  const verifyPhoneOf = (phone: string) => verifyPhone(t, sms, phone);

  async function adultWithOtp(extra: Record<string, unknown> = {}) {
    const phone = nextPhone();
    const person = await registerPerson(t, {
      authentication_methods: [{ type: 'OTP', phone_number: phone }],
      ...extra,
    });
    return { person, phone };
  }

  describe('insert OTP', () => {
    it('verifies the new phone first, approves with the current code, swaps the methods and records RULES_PASSED', async () => {
      const { person, phone } = await adultWithOtp();
      const newPhone = nextPhone();
      const unverified = await create(person.id, {
        action: 'insert',
        authentication_method: { type: 'OTP', phone_number: newPhone },
      }).expect(422);
      expect(unverified.body.error.invalid[0]).toMatchObject({
        entry: '$.authentication_method.phone_number',
        rules: [{ description: 'The phone number is not verified' }],
      });

      await verifyPhoneOf(newPhone);
      const created = await create(person.id, {
        action: 'insert',
        authentication_method: { type: 'OTP', phone_number: newPhone, alias: 'new' },
      }).expect(201);
      expect(created.body.data).toMatchObject({
        status: 'NEW',
        channel: 'MIS',
        action: 'INSERT',
        person_id: person.id,
        authentication_method_current: { type: 'OTP' },
      });
      expect(created.body.urgent.authentication_method_current).toEqual([
        { type: 'OTP', phone_number: `${phone.slice(0, 6)}*****${phone.slice(-2)}` },
      ]);

      const res = await approve(person.id, created.body.data.id, {
        verification_code: sms.lastCodeFor(phone),
      }).expect(201);
      expect(res.body.data.status).toBe('COMPLETED');
      const active = await methods(person.id);
      expect(active).toEqual([
        expect.objectContaining({
          type: 'OTP',
          phone_number: newPhone,
          alias: 'new',
          ended_at: null,
        }),
      ]);
      expect(await verification(person.id)).toEqual({
        verification_status: 'VERIFICATION_NEEDED',
        verification_reason: 'RULES_PASSED',
        verification_comment: null,
      });
      const recorded = await events(person.id);
      expect(recorded).toHaveLength(1);
      expect(recorded[0]).toMatchObject({
        event_type: 'StateChangeEvent',
        entity_type: 'Person',
        properties: { verification_status: { new_value: 'VERIFICATION_NEEDED' } },
        changed_by: TEST_USER_ID,
      });
    });
  });

  describe('insert OFFLINE', () => {
    it('needs the scans and the current code, checks the scans first, then applies rule 01', async () => {
      const { person, phone } = await adultWithOtp({ no_tax_id: true, tax_id: null });
      const created = await create(person.id, {
        action: 'INSERT',
        authentication_method: { type: 'OFFLINE' },
      }).expect(201);
      const docs = created.body.urgent.documents as { type: string; url: string }[];
      expect(docs.map((d) => d.type)).toEqual(['PASSPORT']);
      const code = Number(sms.lastCodeFor(phone));
      // A wrong code with a scan missing: the scan is named and no attempt is used.
      for (let i = 0; i < 4; i++) {
        const missing = await approve(person.id, created.body.data.id, {
          verification_code: 1,
        }).expect(409);
        expect(missing.body.error).toEqual({
          type: 'request_conflict',
          message: 'Documents PASSPORT is not uploaded',
        });
      }
      await uploadScans(t, docs);
      await approve(person.id, created.body.data.id, { verification_code: code }).expect(201);
      expect((await methods(person.id)).map((m) => m.type)).toEqual(['OFFLINE']);
      expect(await verification(person.id)).toMatchObject({
        verification_status: 'VERIFICATION_NEEDED',
        verification_reason: 'AUTO',
      });
      expect(await events(person.id)).toHaveLength(1);
    });

    it('needs every document uploaded when the current method is OFFLINE, and names each missing one', async () => {
      const person = await registerPerson(t, {
        documents: [
          { type: 'PASSPORT', number: 'AA1' },
          { type: 'NATIONAL_ID', number: '123' },
        ],
        authentication_methods: [{ type: 'OFFLINE' }],
      });
      const newPhone = nextPhone();
      await verifyPhoneOf(newPhone);
      const created = await create(person.id, {
        action: 'insert',
        authentication_method: { type: 'OTP', phone_number: newPhone },
      }).expect(201);
      const docs = created.body.urgent.documents as { type: string; url: string }[];
      expect(docs.map((d) => d.type)).toEqual(['PASSPORT', 'NATIONAL_ID']);

      const none = await approve(person.id, created.body.data.id).expect(409);
      expect(none.body.error).toEqual({
        type: 'request_conflict',
        message: 'Documents PASSPORT, NATIONAL_ID is not uploaded',
      });
      await putJpeg(t, docs[0].url).expect(200);
      const one = await approve(person.id, created.body.data.id, {}).expect(409);
      expect(one.body.error).toEqual({
        type: 'request_conflict',
        message: 'Documents NATIONAL_ID is not uploaded',
      });
      await putJpeg(t, docs[1].url).expect(200);
      await approve(person.id, created.body.data.id).expect(201);
      expect((await methods(person.id)).map((m) => m.type)).toEqual(['OTP']);
    });
  });

  describe('insert THIRD_PERSON', () => {
    it.each([
      [
        'a minor: until the day before their 14th birthday',
        '2016-02-29',
        '2030-02-27T22:00:00.000Z',
      ],
      ['an adult: for two years', '1990-01-01', '2028-11-23T22:00:00.000Z'],
    ])('adds the method for %s', async (_name, birthDate, endedAt) => {
      const { person: guardian } = await adultWithOtp();
      const { person, phone } = await adultWithOtp({
        birth_date: birthDate,
        tax_id: null,
        no_tax_id: true,
      });
      const created = await create(person.id, {
        action: 'insert',
        authentication_method: { type: 'THIRD_PERSON', value: guardian.id, alias: 'Guardian' },
      }).expect(201);
      await approve(person.id, created.body.data.id, {
        verification_code: sms.lastCodeFor(phone),
      }).expect(201);
      const third = (await methods(person.id)).find((m) => m.type === 'THIRD_PERSON');
      expect(third).toMatchObject({
        value: guardian.id,
        alias: 'Guardian',
        started_at: '2026-11-22T22:00:00.000Z',
        ended_at: endedAt,
      });
      expect(await events(person.id)).toHaveLength(0);
    });
  });

  describe('update and deactivate', () => {
    it('renames a method, then deactivates a third person', async () => {
      const { person: guardian } = await adultWithOtp();
      const { person, phone } = await adultWithOtp();
      const otpId = (await methods(person.id))[0].id;
      const renamed = await create(person.id, {
        action: 'update',
        authentication_method: { id: otpId, alias: 'work phone' },
      }).expect(201);
      await approve(person.id, renamed.body.data.id, {
        verification_code: sms.lastCodeFor(phone),
      }).expect(201);
      expect((await methods(person.id))[0]).toMatchObject({ id: otpId, alias: 'work phone' });

      const added = await create(person.id, {
        action: 'insert',
        authentication_method: { type: 'THIRD_PERSON', value: guardian.id, alias: 'G' },
      }).expect(201);
      await approve(person.id, added.body.data.id, {
        verification_code: sms.lastCodeFor(phone),
      }).expect(201);
      const thirdId = (await methods(person.id)).find((m) => m.type === 'THIRD_PERSON')!.id;
      const removed = await create(person.id, {
        action: 'deactivate',
        authentication_method: { id: thirdId },
      }).expect(201);
      await approve(person.id, removed.body.data.id, {
        verification_code: sms.lastCodeFor(phone),
      }).expect(201);
      expect((await methods(person.id)).map((m) => m.type)).toEqual(['OTP']);
      expect(await events(person.id)).toHaveLength(0);
    });

    it('cancels the person’s older NEW requests when a new one is created', async () => {
      const { person } = await adultWithOtp();
      const first = await create(person.id, {
        action: 'insert',
        authentication_method: { type: 'OFFLINE' },
      }).expect(201);
      await create(person.id, {
        action: 'insert',
        authentication_method: { type: 'OFFLINE' },
      }).expect(201);
      const read = await readAmr(t, READ, person.id, first.body.data.id).expect(200);
      expect(read.body.data.status).toBe('CANCELED');
      // Step 2 before step 3 (docs/api.md, Approve): the CANCELED request has no scans
      // uploaded, yet the answer is the status, not the missing documents.
      const before = await snapshot(t.pool);
      const res = await approve(person.id, first.body.data.id, { verification_code: 1234 }).expect(
        409,
      );
      expect(res.body.error).toEqual(INVALID_TRANSITION);
      expect(await snapshot(t.pool)).toEqual(before);
    });
  });

  describe('approve errors', () => {
    it('answers 404 for another person’s request, an unknown request and a malformed id', async () => {
      const { person } = await adultWithOtp();
      const { person: other } = await adultWithOtp();
      const created = await create(person.id, {
        action: 'insert',
        authentication_method: { type: 'OFFLINE' },
      }).expect(201);
      for (const [pid, rid] of [
        [other.id, created.body.data.id],
        [person.id, '3b0f4c2e-1111-4222-8333-444455556666'],
        [person.id, 'not-a-uuid'],
        ['3b0f4c2e-1111-4222-8333-444455556666', created.body.data.id],
      ]) {
        const res = await approve(pid, rid, { verification_code: 1234 }).expect(404);
        expect(res.body.error.type).toBe('not_found');
      }
    });

    it('answers 409 Invalid transition for a COMPLETED request', async () => {
      const { person, phone } = await adultWithOtp();
      const created = await create(person.id, {
        action: 'insert',
        authentication_method: { type: 'OFFLINE' },
      }).expect(201);
      await uploadScans(t, created.body.urgent.documents);
      await approve(person.id, created.body.data.id, {
        verification_code: sms.lastCodeFor(phone),
      }).expect(201);
      const res = await approve(person.id, created.body.data.id, {
        verification_code: sms.lastCodeFor(phone),
      }).expect(409);
      expect(res.body.error).toEqual(INVALID_TRANSITION);
    });

    it('answers 409 for missing scans before 422 for a missing code, and changes nothing', async () => {
      // Step 3 before step 4 (docs/api.md, Approve): an OTP person inserting OFFLINE, no scan
      // uploaded, no code sent.
      const { person } = await adultWithOtp();
      const created = await create(person.id, {
        action: 'insert',
        authentication_method: { type: 'OFFLINE' },
      }).expect(201);
      expect(created.body.urgent.documents.map((d: { type: string }) => d.type)).toEqual([
        'PASSPORT',
      ]);
      const before = await snapshot(t.pool);
      const res = await approve(person.id, created.body.data.id, {}).expect(409);
      expect(res.body.error).toEqual({
        type: 'request_conflict',
        message: 'Documents PASSPORT is not uploaded',
      });
      expect(await snapshot(t.pool)).toEqual(before);
    });

    it('answers 422 on $.verification_code when the code is missing, and 422 forbidden when it is wrong; nothing changes', async () => {
      const { person, phone } = await adultWithOtp();
      const created = await create(person.id, {
        action: 'insert',
        authentication_method: { type: 'OFFLINE' },
      }).expect(201);
      await uploadScans(t, created.body.urgent.documents);
      const before = await snapshot(t.pool);
      const missing = await approve(person.id, created.body.data.id, {}).expect(422);
      expect(missing.body.error).toMatchObject({
        type: 'validation_failed',
        invalid: [{ entry: '$.verification_code' }],
      });
      const right = sms.lastCodeFor(phone);
      const wrong = await approve(person.id, created.body.data.id, {
        verification_code: right === '9999' ? 9998 : 9999,
      }).expect(422);
      expect(wrong.body.error).toEqual({ type: 'forbidden', message: 'Invalid verification code' });
      const after = await snapshot(t.pool);
      expect({ ...after, otp_verifications: [] }).toEqual({ ...before, otp_verifications: [] });
    });
  });

  describe('person checks on create', () => {
    it('answers 404 for an unknown person and 409 for an inactive one', async () => {
      const unknown = await create('3b0f4c2e-1111-4222-8333-444455556666', {
        action: 'insert',
        authentication_method: { type: 'OFFLINE' },
      }).expect(404);
      expect(unknown.body.error.message).toBe("Such person doesn't exist");
      const inactive = await registerPerson(t, { status: 'inactive' });
      const res = await create(inactive.id, {
        action: 'insert',
        authentication_method: { type: 'OFFLINE' },
      }).expect(409);
      expect(res.body.error.message).toBe("Such person isn't active");
      const badAction = await create(inactive.id, {
        action: 'upsert',
        authentication_method: {},
      }).expect(422);
      expect(badAction.body.error.invalid[0].entry).toBe('$.action');
    });
  });

  describe('atomicity', () => {
    it('leaves request, methods and person unchanged when the event insert fails', async () => {
      const { person, phone } = await adultWithOtp();
      const created = await create(person.id, {
        action: 'insert',
        authentication_method: { type: 'OFFLINE' },
      }).expect(201);
      await uploadScans(t, created.body.urgent.documents);
      await t.pool.query(
        `CREATE OR REPLACE FUNCTION refuse_event() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'event store refuses'; END $$ LANGUAGE plpgsql`,
      );
      await t.pool.query(
        'CREATE TRIGGER refuse_event BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_event()',
      );
      try {
        const before = await snapshot(t.pool);
        const res = await approve(person.id, created.body.data.id, {
          verification_code: sms.lastCodeFor(phone),
        }).expect(500);
        expect(res.body.error).toEqual({
          type: 'internal_error',
          message: 'Internal server error',
        });
        const after = await snapshot(t.pool);
        expect({ ...after, otp_verifications: [], verified_phones: [] }).toEqual({
          ...before,
          otp_verifications: [],
          verified_phones: [],
        });
      } finally {
        await t.pool.query('DROP TRIGGER refuse_event ON events');
      }
    });

    it('answers 409 Concurrent change, retry when a database invariant stops the write, and changes nothing', async () => {
      // A person with nothing to verify (NA) inserting OFFLINE: only the scans are needed, so no
      // OTP code is used up and the whole database can be compared.
      const person = await registerPerson(t, { authentication_methods: [] });
      const created = await create(person.id, {
        action: 'insert',
        authentication_method: { type: 'OFFLINE' },
      }).expect(201);
      await uploadScans(t, created.body.urgent.documents);
      // What a concurrent writer that got there first makes the database say (docs/api.md,
      // Concurrency guarantees): a unique violation on the methods.
      await t.pool.query(
        `CREATE OR REPLACE FUNCTION refuse_method() RETURNS trigger AS $$ BEGIN RAISE unique_violation USING MESSAGE = 'one active own method'; END $$ LANGUAGE plpgsql`,
      );
      await t.pool.query(
        'CREATE TRIGGER refuse_method BEFORE INSERT ON person_authentication_methods FOR EACH ROW EXECUTE FUNCTION refuse_method()',
      );
      try {
        const before = await snapshot(t.pool);
        const res = await approve(person.id, created.body.data.id, {}).expect(409);
        expect(res.body.error).toEqual({
          type: 'request_conflict',
          message: 'Concurrent change, retry',
        });
        expect(await snapshot(t.pool)).toEqual(before);
      } finally {
        await t.pool.query('DROP TRIGGER refuse_method ON person_authentication_methods');
      }
      // The request is still NEW: the client's retry goes through.
      const retried = await approve(person.id, created.body.data.id, {}).expect(201);
      expect(retried.body.data.status).toBe('COMPLETED');
      expect((await methods(person.id)).map((m) => m.type)).toEqual(['OFFLINE']);
    });
  });
});
