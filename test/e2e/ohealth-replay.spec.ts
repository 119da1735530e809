import {
  approveAuthMethodRequest,
  checkApproveAuthMethodRequestAnswer,
  checkCreateAuthMethodRequestAnswer,
  checkFindVerifiedPhoneAnswer,
  checkResendAuthMethodRequestOtpAnswer,
  completePhoneVerification,
  findVerifiedPhone,
  insertAuthMethod,
  resendAuthMethodRequestOtp,
  startPhoneVerification,
  updateAuthMethod,
} from '../support/ohealth/auth-method-calls.js';
import { sendMisRequest, type MisRequest } from '../support/ohealth/mis-request.js';
import {
  checkAuthMethods,
  checkPersonVerification,
  checkSearchAnswer,
  getAuthMethods,
  getPersonVerification,
  searchPersonsV1,
  searchPersonsV2,
} from '../support/ohealth/person-calls.js';
import type { PersonFormV3 } from '../support/ohealth/person-forms.js';
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
  rejectPersonRequest,
  resendPersonRequestOtp,
  signPersonRequest,
  type ClientVersion,
} from '../support/ohealth/person-request-calls.js';
import { withSigningApp } from '../support/signed-persons.js';
import { tokenFor } from '../support/tokens.js';

/**
 * The MIS client openhealths/ohealth, replayed: exactly what it sends (test/support/ohealth),
 * and its own checks of our answers, which must find nothing. Its newest code registers patients
 * through v3 person requests and searches on v2; its released code searches on v1; both share
 * the authentication-method screens. (The released v2 person requests are replayed with them.)
 */
const TOKEN = tokenFor([
  'person_request:write',
  'person_request:read',
  'person:read',
  'authentication_method_request:write',
  'authentication_method_request:read',
  'otp_verification:write',
  'otp_verification:read',
]);
/** The client's settings when the MIS configured no PSK and no api key: sent all the same. */
const SETTINGS = { customPsk: 'X-Custom-PSK', apiKey: '', bearerToken: TOKEN };
/** The signer's tax id (test/support/signed-persons.ts), which the client sends as `msp_drfo`. */
const DRFO = '2222222225';

function patient(phone: string, firstName: string): PersonFormV3 {
  return {
    names: [
      {
        language: 'uk',
        firstName,
        lastName: 'Петренко',
        secondName: 'Іванович',
        noLastName: false,
      },
    ],
    birthDate: '26.10.1972',
    birthCountry: 'Україна',
    birthSettlement: 'Київ',
    gender: 'MALE',
    documents: [
      {
        type: 'PASSPORT',
        number: 'АА123456',
        issuedBy: 'Печерським РУ ГУ МВС',
        issuedAt: '01.06.2010',
        expirationDate: '',
        issuingCountry: 'UA',
      },
    ],
    taxId: '2659719350',
    noTaxId: false,
    secret: 'secret1',
    phones: [{ type: 'MOBILE', number: phone }],
    addresses: [
      {
        type: 'RESIDENCE',
        country: 'UA',
        area: 'М.КИЇВ',
        settlement: 'Київ',
        settlementId: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
        streetType: 'STREET',
        street: 'Хрещатик',
        building: '1',
        zip: '01001',
      },
    ],
    emergencyContact: {
      firstName: 'Петро',
      lastName: 'Петренко',
      secondName: '',
      phones: [{ type: 'MOBILE', number: '+380501112233' }],
    },
    authenticationMethods: [{ type: 'OTP', phoneNumber: phone }],
  };
}

describe('the MIS client openhealths/ohealth, replayed', () => {
  const app = withSigningApp();
  let seq = 0;
  const nextPhone = () => `+38093500${String(seq++).padStart(4, '0')}`;

  /** Sends the client's request; the answer must have the status the screen waits for. */
  async function send(request: MisRequest, status: number) {
    const res = await sendMisRequest(app.t.http, request);
    if (res.status !== status) {
      throw new Error(
        `${request.method} ${request.path}: ${res.status} ${JSON.stringify(res.body)}`,
      );
    }
    return res.body as Record<string, any>;
  }

  /** The newest client registers a patient: create, resend, approve, GET, sign; returns the person. */
  async function registerThroughV3(phone: string, firstName: string): Promise<string> {
    const v: ClientVersion = 'newest';
    const created = await send(
      createPersonRequest(SETTINGS, { version: v, person: patient(phone, firstName) }),
      201,
    );
    expect(checkCreatePersonRequestAnswer(v, created)).toEqual([]);
    const id = created.data.id as string;
    const resent = await send(resendPersonRequestOtp(SETTINGS, id), 200);
    expect(checkResendPersonRequestOtpAnswer(v, resent)).toEqual([]);
    const approved = await send(
      approvePersonRequest(SETTINGS, v, id, Number(app.sms.lastCodeFor(phone))),
      201,
    );
    expect(checkApprovePersonRequestAnswer(approved)).toEqual([]);
    const read = await send(getPersonRequest(SETTINGS, v, id), 200);
    expect(checkPersonRequest(v, read)).toEqual([]);
    const content = Buffer.from(JSON.stringify({ ...read.data, patient_signed: true }));
    const signedContent = app.signing.pki
      .sign(new Uint8Array(content), app.signing.signer)
      .toString('base64');
    const signed = await send(signPersonRequest(SETTINGS, v, id, signedContent, DRFO), 200);
    expect(checkSignPersonRequestAnswer(signed)).toEqual([]);
    return signed.data.person_id as string;
  }

  it('registers a patient through v3 person requests, as the newest client does', async () => {
    const personId = await registerThroughV3(nextPhone(), 'Олег');
    const methods = await send(getAuthMethods(SETTINGS, personId), 200);
    expect(checkAuthMethods('newest', methods)).toEqual([]);
    expect(checkAuthMethods('released', methods)).toEqual([]);
  });

  it('rejects a v3 person request, as the newest client does', async () => {
    const phone = nextPhone();
    const created = await send(
      createPersonRequest(SETTINGS, { version: 'newest', person: patient(phone, 'Іван') }),
      201,
    );
    const rejected = await send(rejectPersonRequest(SETTINGS, 'newest', created.data.id), 200);
    expect(checkRejectPersonRequestAnswer(rejected)).toEqual([]);
  });

  it('finds the patient by search, v1 as released and v2 as newest', async () => {
    const phone = nextPhone();
    const personId = await registerThroughV3(phone, 'Тарас');
    const v1 = await send(
      searchPersonsV1(SETTINGS, {
        firstName: 'Тарас',
        lastName: 'Петренко',
        birthDate: '26.10.1972',
        phoneNumber: phone,
      }),
      200,
    );
    expect(v1.data.map((p: { id: string }) => p.id)).toEqual([personId]);
    expect(checkSearchAnswer('released', v1)).toEqual([]);
    const v2 = await send(
      searchPersonsV2(SETTINGS, {
        language: 'uk',
        firstName: 'Тарас',
        lastName: 'Петренко',
        birthDate: '26.10.1972',
        taxId: '2659719350',
      }),
      200,
    );
    expect(v2.data.map((p: { id: string }) => p.id)).toEqual([personId]);
    expect(checkSearchAnswer('newest', v2)).toEqual([]);
  });

  it('verifies a phone, inserts it, resends, approves, renames, and reads methods and verification', async () => {
    const current = nextPhone();
    const personId = await registerThroughV3(current, 'Андрій');
    const phone = nextPhone();

    await send(findVerifiedPhone(SETTINGS, phone), 404);
    await send(startPhoneVerification(SETTINGS, phone), 200);
    await send(completePhoneVerification(SETTINGS, phone, Number(app.sms.lastCodeFor(phone))), 200);
    const found = await send(findVerifiedPhone(SETTINGS, phone), 200);
    expect(checkFindVerifiedPhoneAnswer(found, phone)).toEqual([]);

    const created = await send(
      insertAuthMethod(SETTINGS, personId, { type: 'OTP', phoneNumber: phone, alias: 'мій' }),
      201,
    );
    for (const version of ['released', 'newest'] as const) {
      expect(checkCreateAuthMethodRequestAnswer(version, created)).toEqual([]);
    }
    const id = created.data.id as string;
    const resent = await send(resendAuthMethodRequestOtp(SETTINGS, personId, id), 200);
    for (const version of ['released', 'newest'] as const) {
      expect(checkResendAuthMethodRequestOtpAnswer(version, resent)).toEqual([]);
    }
    const approved = await send(
      approveAuthMethodRequest(SETTINGS, personId, id, Number(app.sms.lastCodeFor(current))),
      201,
    );
    for (const version of ['released', 'newest'] as const) {
      expect(checkApproveAuthMethodRequestAnswer(version, approved)).toEqual([]);
    }

    const methods = await send(getAuthMethods(SETTINGS, personId), 200);
    for (const version of ['released', 'newest'] as const) {
      expect(checkAuthMethods(version, methods)).toEqual([]);
    }
    const renamed = await send(
      updateAuthMethod(SETTINGS, personId, methods.data[0].id, 'робочий'),
      201,
    );
    expect(checkCreateAuthMethodRequestAnswer('newest', renamed)).toEqual([]);
    const done = await send(
      approveAuthMethodRequest(
        SETTINGS,
        personId,
        renamed.data.id,
        Number(app.sms.lastCodeFor(phone)),
      ),
      201,
    );
    expect(checkApproveAuthMethodRequestAnswer('newest', done)).toEqual([]);

    const verification = await send(getPersonVerification(SETTINGS, personId), 200);
    for (const version of ['released', 'newest'] as const) {
      expect(checkPersonVerification(version, verification)).toEqual([]);
    }
  });
});
