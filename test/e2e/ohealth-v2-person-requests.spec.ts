import { checkSearchAnswer, searchPersonsV1 } from '../support/ohealth/person-calls.js';
import type { PersonFormV2 } from '../support/ohealth/person-forms.js';
import {
  approvePersonRequest,
  checkApprovePersonRequestAnswer,
  checkCreatePersonRequestAnswer,
  checkPersonRequest,
  checkRejectPersonRequestAnswer,
  checkResendPersonRequestOtpAnswer,
  checkSignPersonRequestAnswer,
  createPersonRequest,
  getPersonRequest,
  listPersonRequests,
  rejectPersonRequest,
  resendPersonRequestOtp,
  signPersonRequest,
} from '../support/ohealth/person-request-calls.js';
import { sendMisRequest, type MisRequest } from '../support/ohealth/mis-request.js';
import { registerPerson } from '../support/persons.js';
import {
  expectRegistryAnswer,
  registryRequestProblems,
} from '../support/registry/registry-answer.js';
import { withSigningApp } from '../support/signed-persons.js';
import { tokenFor } from '../support/tokens.js';
import { uploadScans } from '../support/uploads.js';

/**
 * The released openhealths/ohealth (v2 person requests) replayed against the service: exactly
 * the requests it sends, and its own checks of our answers, which must find nothing.
 */
const SETTINGS = {
  customPsk: 'X-Custom-PSK',
  apiKey: '',
  bearerToken: tokenFor(['person_request:write', 'person_request:read', 'person:read']),
};
/** The signer's tax id (its certificate's serialNumber), sent by the client as `msp_drfo`. */
const SIGNER_DRFO = '2222222225';
const PHONE = '+380979990011';

let seq = 0;
/** The released form of an adult with an OTP phone, a Ukrainian address and a passport. */
function adultForm(overrides: Partial<PersonFormV2> = {}): PersonFormV2 {
  return {
    firstName: `Богдан${'а'.repeat(seq++)}`,
    lastName: 'Мельник',
    secondName: 'Петрович',
    birthDate: '26.10.1972',
    birthCountry: 'Україна',
    birthSettlement: 'Київ',
    gender: 'MALE',
    taxId: '2659719350',
    noTaxId: false,
    secret: 'secret1',
    email: 'bohdan@example.com',
    documents: [
      {
        type: 'PASSPORT',
        number: 'АА123456',
        issuedBy: 'Печерським РУ ГУ МВС',
        issuedAt: '01.06.2010',
      },
    ],
    addresses: [
      {
        type: 'RESIDENCE',
        country: 'UA',
        area: 'М.КИЇВ',
        settlement: 'Київ',
        settlementType: 'CITY',
        settlementId: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
        streetType: 'STREET',
        street: 'Хрещатик',
        building: '1',
        zip: '01001',
      },
    ],
    phones: [{ type: 'MOBILE', number: PHONE }],
    emergencyContact: {
      firstName: 'Петро',
      lastName: 'Мельник',
      phones: [{ type: 'MOBILE', number: '+380501112233' }],
    },
    authenticationMethods: [{ type: 'OTP', phoneNumber: PHONE }],
    ...overrides,
  };
}

describe('the released MIS client on v2 person requests', () => {
  const app = withSigningApp();

  beforeEach(() => {
    app.t.clock.advance(120_000);
  });

  const send = (request: MisRequest) => sendMisRequest(app.t.http, request);
  const cms = (data: Record<string, unknown>) =>
    app.signing.pki
      .sign(
        new Uint8Array(Buffer.from(JSON.stringify({ ...data, patient_signed: true }))),
        app.signing.signer,
      )
      .toString('base64');

  /** Create (checked), then the client's sign step: GET (checked), sign (checked). */
  async function created(form: PersonFormV2): Promise<string> {
    const request = createPersonRequest(SETTINGS, { version: 'released', person: form });
    expect(registryRequestProblems('POST /api/v2/person_requests', request.body)).toEqual([]);
    const res = await send(request);
    expect(res.status).toBe(201);
    expectRegistryAnswer('POST /api/v2/person_requests', res);
    expect(checkCreatePersonRequestAnswer('released', res.body)).toEqual([]);
    return res.body.data.id as string;
  }
  async function signed(id: string): Promise<string> {
    const read = await send(getPersonRequest(SETTINGS, 'released', id));
    expect(read.status).toBe(200);
    expect(checkPersonRequest('released', read.body)).toEqual([]);
    const res = await send(
      signPersonRequest(SETTINGS, 'released', id, cms(read.body.data), SIGNER_DRFO),
    );
    expect(res.status).toBe(200);
    expectRegistryAnswer('PATCH /api/v2/person_requests/{id}/actions/sign', res);
    expect(checkSignPersonRequestAnswer(res.body)).toEqual([]);
    return res.body.data.person_id as string;
  }

  it('registers a patient by SMS code (after a resend), and finds them with its search', async () => {
    const form = adultForm();
    const id = await created(form);

    app.t.clock.advance(61_000);
    const resent = await send(resendPersonRequestOtp(SETTINGS, id));
    expect(resent.status).toBe(200);
    expect(checkResendPersonRequestOtpAnswer('released', resent.body)).toEqual([]);

    const approved = await send(
      approvePersonRequest(SETTINGS, 'released', id, Number(app.sms.lastCodeFor(PHONE))),
    );
    expect(approved.status).toBe(201);
    expectRegistryAnswer('PATCH /api/v2/person_requests/{id}/actions/approve', approved);
    expect(checkApprovePersonRequestAnswer(approved.body)).toEqual([]);

    const personId = await signed(id);
    const search = await send(
      searchPersonsV1(SETTINGS, {
        firstName: form.firstName,
        lastName: form.lastName,
        birthDate: form.birthDate,
      }),
    );
    expect(search.status).toBe(200);
    expect(checkSearchAnswer('released', search.body)).toEqual([]);
    expect(search.body.data.map((p: { id: string }) => p.id)).toEqual([personId]);

    const list = await send(listPersonRequests(SETTINGS, 'released'));
    expect(list.status).toBe(200);
    expectRegistryAnswer('GET /api/person_requests', list);
    expect(list.body.data.find((i: { id: string }) => i.id === id)).toMatchObject({
      status: 'SIGNED',
      version: 2,
    });
  });

  it('registers an OFFLINE patient: scans, then approve with `{}`', async () => {
    const id = await created(adultForm({ authenticationMethods: [{ type: 'OFFLINE' }] }));
    const read = await send(getPersonRequest(SETTINGS, 'released', id));
    await uploadScans(app.t, read.body.urgent.documents);
    const approved = await send(approvePersonRequest(SETTINGS, 'released', id));
    expect(approved.status).toBe(201);
    expect(checkApprovePersonRequestAnswer(approved.body)).toEqual([]);
    await signed(id);
  });

  it('registers a child through a confidant, the code going to the confidant’s phone', async () => {
    const confidant = await registerPerson(app.t, {
      authentication_methods: [{ type: 'OTP', phone_number: '+380979990022' }],
    });
    const form = adultForm({
      birthDate: '05.07.2016',
      taxId: undefined,
      noTaxId: true,
      documents: [
        {
          type: 'BIRTH_CERTIFICATE',
          number: 'І-АА 120518',
          issuedBy: 'РАЦС',
          issuedAt: '10.07.2016',
        },
      ],
      confidantPerson: {
        personId: confidant.id,
        documentsRelationship: [
          {
            type: 'BIRTH_CERTIFICATE',
            number: 'І-АА 120518',
            issuedBy: 'РАЦС',
            issuedAt: '10.07.2016',
          },
        ],
      },
      authenticationMethods: [{ type: 'THIRD_PERSON', value: confidant.id, alias: 'батько' }],
    });
    const id = await created(form);
    const approved = await send(
      approvePersonRequest(SETTINGS, 'released', id, Number(app.sms.lastCodeFor('+380979990022'))),
    );
    expect(approved.status).toBe(201);
    expect(checkApprovePersonRequestAnswer(approved.body)).toEqual([]);
    await signed(id);
  });

  it('rejects a request as the client does (body `[]`)', async () => {
    const id = await created(adultForm());
    const res = await send(rejectPersonRequest(SETTINGS, 'released', id));
    expect(res.status).toBe(200);
    expectRegistryAnswer('PATCH /api/v2/person_requests/{id}/actions/reject', res);
    expect(checkRejectPersonRequestAnswer(res.body)).toEqual([]);
  });
});
