import {
  approveAuthMethodRequest,
  completePhoneVerification,
  deactivateAuthMethod,
  findVerifiedPhone,
  insertAuthMethod,
  resendAuthMethodRequestOtp,
  startPhoneVerification,
  updateAuthMethod,
} from '../../../support/ohealth/auth-method-calls.js';
import {
  approveConfidantRequest,
  createConfidantRequest,
  deactivateConfidantRelationship,
  getConfidantRequest,
  listConfidantRequests,
  listRelationships,
  resendConfidantRequestOtp,
  signConfidantRequest,
} from '../../../support/ohealth/confidant-calls.js';
import {
  misHeaders,
  phpJsonEncode,
  targetOf,
  type MisRequest,
} from '../../../support/ohealth/mis-request.js';
import {
  getAuthMethods,
  getPersonVerification,
  searchPersonsV1,
  searchPersonsV2,
} from '../../../support/ohealth/person-calls.js';
import type { PersonFormV2, PersonFormV3 } from '../../../support/ohealth/person-forms.js';
import {
  approvePersonRequest,
  createPersonRequest,
  getPersonRequest,
  listPersonRequests,
  rejectPersonRequest,
  resendPersonRequestOtp,
  signPersonRequest,
} from '../../../support/ohealth/person-request-calls.js';
import { removeEmptyKeys, snake } from '../../../support/ohealth/php-format.js';
import {
  registryRequestProblems,
  type RegistryOperationKey,
} from '../../../support/registry/registry-answer.js';

const SETTINGS = { customPsk: 'psk-1', apiKey: 'key-1', bearerToken: 'token-1' };
const HEADERS = {
  'Content-Type': 'application/json',
  'X-Custom-PSK': 'psk-1',
  'API-key': 'key-1',
  Authorization: 'Bearer token-1',
};
const PERSON = '0d0b5bd1-3f7c-4ab5-a0a5-6f1f3f4f0c55';
const CONFIDANT = 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b';
const REQUEST = '7d23bebb-1cf3-4221-bf21-18aada444756';

const common = {
  birthDate: '05.07.2009',
  birthCountry: 'Україна',
  birthSettlement: 'Вінниця',
  gender: 'MALE',
  documents: [
    {
      type: 'BIRTH_CERTIFICATE',
      number: 'АА120518',
      issuedBy: 'РВ ГУ',
      issuedAt: '28.02.2017',
      expirationDate: '',
    },
  ],
  taxId: '',
  secret: 'secret1',
  phones: [{ type: 'MOBILE', number: '+380503410870' }],
  emergencyContact: {
    firstName: 'Петро',
    lastName: 'Іванов',
    secondName: '',
    phones: [{ type: 'MOBILE', number: '+380503410870' }],
  },
  confidantPerson: {
    personId: CONFIDANT,
    documentsRelationship: [
      {
        type: 'BIRTH_CERTIFICATE',
        number: 'АА120518',
        issuedBy: 'РВ ГУ',
        issuedAt: '28.02.2017',
        activeTo: '',
      },
    ],
  },
  authenticationMethods: [{ type: 'THIRD_PERSON' as const, value: CONFIDANT, alias: 'батько' }],
};
const released: PersonFormV2 = {
  ...common,
  firstName: 'Олег',
  lastName: 'Іваненко',
  secondName: '',
  noTaxId: true,
  addresses: [
    {
      type: 'RESIDENCE',
      country: 'UA',
      area: 'Житомирська',
      settlement: 'Київ',
      settlementType: 'CITY',
      settlementId: CONFIDANT,
      zip: '02090',
    },
  ],
};
const newest: PersonFormV3 = {
  ...common,
  names: [
    { language: 'uk', firstName: 'Олег', lastName: 'Іваненко', secondName: '', noLastName: false },
  ],
  noTaxId: null,
  addresses: [{ type: 'RESIDENCE', country: 'PL', settlement: 'Warsaw', street: 'Main' }],
};

const expectedPerson = {
  birth_date: '2009-07-05',
  birth_country: 'Україна',
  birth_settlement: 'Вінниця',
  gender: 'MALE',
  documents: [
    { type: 'BIRTH_CERTIFICATE', number: 'АА120518', issued_by: 'РВ ГУ', issued_at: '2017-02-28' },
  ],
  secret: 'secret1',
  phones: [{ type: 'MOBILE', number: '+380503410870' }],
  emergency_contact: {
    first_name: 'Петро',
    last_name: 'Іванов',
    phones: [{ type: 'MOBILE', number: '+380503410870' }],
  },
  confidant_person: {
    person_id: CONFIDANT,
    documents_relationship: [
      {
        type: 'BIRTH_CERTIFICATE',
        number: 'АА120518',
        issued_by: 'РВ ГУ',
        issued_at: '2017-02-28',
      },
    ],
  },
  authentication_methods: [{ type: 'THIRD_PERSON', value: CONFIDANT, alias: 'батько' }],
};

describe('the requests the MIS client sends', () => {
  it.each<[string, MisRequest, Omit<MisRequest, 'headers'> & { headers?: Record<string, string> }]>(
    [
      [
        'released create: v2, flat names, dates to Y-m-d, empty fields dropped, false kept',
        createPersonRequest(SETTINGS, { version: 'released', person: released }),
        {
          method: 'POST',
          path: '/api/v2/person_requests',
          query: {},
          body: {
            person: {
              ...expectedPerson,
              first_name: 'Олег',
              last_name: 'Іваненко',
              no_tax_id: true,
              addresses: [
                {
                  type: 'RESIDENCE',
                  country: 'UA',
                  area: 'Житомирська',
                  settlement: 'Київ',
                  settlement_type: 'CITY',
                  settlement_id: CONFIDANT,
                  zip: '02090',
                },
              ],
            },
            process_disclosure_data_consent: true,
            patient_signed: false,
          },
        },
      ],
      [
        'newest create: v3, names[], no_tax_id put back as null',
        createPersonRequest(SETTINGS, { version: 'newest', person: newest }),
        {
          method: 'POST',
          path: '/api/v3/person_requests',
          query: {},
          body: {
            person: {
              ...expectedPerson,
              names: [
                { language: 'uk', first_name: 'Олег', last_name: 'Іваненко', no_last_name: false },
              ],
              addresses: [
                { type: 'RESIDENCE', country: 'PL', settlement: 'Warsaw', street: 'Main' },
              ],
              no_tax_id: null,
            },
            process_disclosure_data_consent: true,
            patient_signed: false,
          },
        },
      ],
      [
        'get (released)',
        getPersonRequest(SETTINGS, 'released', REQUEST),
        { method: 'GET', path: `/api/v2/person_requests/${REQUEST}`, query: {} },
      ],
      [
        'approve with a code',
        approvePersonRequest(SETTINGS, 'newest', REQUEST, 1234),
        {
          method: 'PATCH',
          path: `/api/v3/person_requests/${REQUEST}/actions/approve`,
          query: {},
          body: { verification_code: 1234 },
        },
      ],
      [
        'approve without a code',
        approvePersonRequest(SETTINGS, 'released', REQUEST),
        {
          method: 'PATCH',
          path: `/api/v2/person_requests/${REQUEST}/actions/approve`,
          query: {},
          body: {},
        },
      ],
      [
        'reject',
        rejectPersonRequest(SETTINGS, 'newest', REQUEST),
        {
          method: 'PATCH',
          path: `/api/v3/person_requests/${REQUEST}/actions/reject`,
          query: {},
          body: [],
        },
      ],
      [
        'sign, with msp_drfo',
        signPersonRequest(SETTINGS, 'newest', REQUEST, 'MIIB', '1234567890'),
        {
          method: 'PATCH',
          path: `/api/v3/person_requests/${REQUEST}/actions/sign`,
          query: {},
          headers: { ...HEADERS, msp_drfo: '1234567890' },
          body: { signed_content: 'MIIB' },
        },
      ],
      [
        'resend on the v1 path',
        resendPersonRequestOtp(SETTINGS, REQUEST),
        {
          method: 'POST',
          path: `/api/person_requests/${REQUEST}/actions/resend_otp`,
          query: {},
          body: [],
        },
      ],
      [
        'list (released)',
        listPersonRequests(SETTINGS, 'released', { status: 'NEW' }),
        { method: 'GET', path: '/api/person_requests', query: { page_size: '300', status: 'NEW' } },
      ],
      [
        'search v1, empty fields dropped',
        searchPersonsV1(SETTINGS, {
          firstName: 'Петро',
          lastName: 'Іванов',
          birthDate: '19.08.1991',
          secondName: '',
          taxId: '3126509816',
        }),
        {
          method: 'GET',
          path: '/api/persons',
          query: {
            first_name: 'Петро',
            last_name: 'Іванов',
            birth_date: '1991-08-19',
            tax_id: '3126509816',
          },
        },
      ],
      [
        'search v2 of a person with no last name',
        searchPersonsV2(SETTINGS, {
          language: 'uk',
          firstName: 'Петро',
          lastName: '',
          noLastName: true,
          birthDate: '19.08.1991',
        }),
        {
          method: 'GET',
          path: '/api/v2/persons',
          query: { language: 'uk', first_name: 'Петро', birth_date: '1991-08-19', last_name: '' },
        },
      ],
      [
        'methods of a person',
        getAuthMethods(SETTINGS, PERSON),
        { method: 'GET', path: `/api/persons/${PERSON}/authentication_methods`, query: {} },
      ],
      [
        'verification of a person',
        getPersonVerification(SETTINGS, PERSON),
        { method: 'GET', path: `/api/persons/${PERSON}/verification`, query: {} },
      ],
      [
        'find a verified phone, + unencoded',
        findVerifiedPhone(SETTINGS, '+380501234567'),
        { method: 'GET', path: '/api/verifications/+380501234567', query: {} },
      ],
      [
        'start a phone verification',
        startPhoneVerification(SETTINGS, '+380501234567'),
        {
          method: 'POST',
          path: '/api/verifications',
          query: {},
          body: { phone_number: '+380501234567' },
        },
      ],
      [
        'complete it',
        completePhoneVerification(SETTINGS, '+380501234567', 1234),
        {
          method: 'PATCH',
          path: '/api/verifications/+380501234567/actions/complete',
          query: {},
          body: { code: 1234 },
        },
      ],
      [
        'insert OTP',
        insertAuthMethod(SETTINGS, PERSON, { type: 'OTP', phoneNumber: '+380501234567' }),
        {
          method: 'POST',
          path: `/api/persons/${PERSON}/authentication_method_requests`,
          query: {},
          body: {
            action: 'INSERT',
            authentication_method: { type: 'OTP', phone_number: '+380501234567' },
          },
        },
      ],
      [
        'insert THIRD_PERSON',
        insertAuthMethod(SETTINGS, PERSON, {
          type: 'THIRD_PERSON',
          value: CONFIDANT,
          alias: 'мати',
        }),
        {
          method: 'POST',
          path: `/api/persons/${PERSON}/authentication_method_requests`,
          query: {},
          body: {
            action: 'INSERT',
            authentication_method: { type: 'THIRD_PERSON', value: CONFIDANT, alias: 'мати' },
          },
        },
      ],
      [
        'update an alias',
        updateAuthMethod(SETTINGS, PERSON, CONFIDANT, 'робочий'),
        {
          method: 'POST',
          path: `/api/persons/${PERSON}/authentication_method_requests`,
          query: {},
          body: { action: 'UPDATE', authentication_method: { id: CONFIDANT, alias: 'робочий' } },
        },
      ],
      [
        'deactivate',
        deactivateAuthMethod(SETTINGS, PERSON, CONFIDANT),
        {
          method: 'POST',
          path: `/api/persons/${PERSON}/authentication_method_requests`,
          query: {},
          body: { action: 'DEACTIVATE', authentication_method: { id: CONFIDANT } },
        },
      ],
      [
        'approve an AMR by documents',
        approveAuthMethodRequest(SETTINGS, PERSON, REQUEST),
        {
          method: 'PATCH',
          path: `/api/persons/${PERSON}/authentication_method_requests/${REQUEST}/actions/approve`,
          query: {},
          body: {},
        },
      ],
      [
        'resend an AMR code',
        resendAuthMethodRequestOtp(SETTINGS, PERSON, REQUEST),
        {
          method: 'POST',
          path: `/api/persons/${PERSON}/authentication_method_requests/${REQUEST}/actions/resend_otp`,
          query: {},
          body: [],
        },
      ],
      [
        'create a confidant request',
        createConfidantRequest(SETTINGS, PERSON, {
          confidantPersonId: CONFIDANT,
          documentsRelationship: [
            {
              type: 'COURT_DECISION',
              number: '12/345',
              issuedBy: 'Суд',
              issuedAt: '28.02.2017',
              activeTo: '19.08.2030',
            },
          ],
        }),
        {
          method: 'POST',
          path: `/api/persons/${PERSON}/confidant_person_relationship_requests`,
          query: {},
          body: {
            confidant_person_id: CONFIDANT,
            documents_relationship: [
              {
                type: 'COURT_DECISION',
                number: '12/345',
                issued_by: 'Суд',
                issued_at: '2017-02-28',
                active_to: '2030-08-19',
              },
            ],
          },
        },
      ],
      [
        'deactivate a relationship',
        deactivateConfidantRelationship(
          SETTINGS,
          PERSON,
          CONFIDANT,
          [{ type: 'COURT_DECISION', number: '12/345', issuedBy: 'Суд', issuedAt: '28.02.2017' }],
          REQUEST,
        ),
        {
          method: 'POST',
          path: `/api/persons/${PERSON}/confidant_person_relationship_requests/deactivate`,
          query: {},
          body: {
            confidant_person_relationship: {
              id: CONFIDANT,
              documents_relationship: [
                {
                  type: 'COURT_DECISION',
                  number: '12/345',
                  issued_by: 'Суд',
                  issued_at: '2017-02-28',
                },
              ],
            },
            authorize_with: REQUEST,
          },
        },
      ],
      [
        'list confidant requests',
        listConfidantRequests(SETTINGS, PERSON),
        {
          method: 'GET',
          path: `/api/persons/${PERSON}/confidant_person_relationship_requests`,
          query: {},
        },
      ],
      [
        'get a confidant request',
        getConfidantRequest(SETTINGS, PERSON, REQUEST),
        {
          method: 'GET',
          path: `/api/persons/${PERSON}/confidant_person_relationship_requests/${REQUEST}`,
          query: {},
        },
      ],
      [
        'approve a confidant request',
        approveConfidantRequest(SETTINGS, PERSON, REQUEST, 1234),
        {
          method: 'PATCH',
          path: `/api/persons/${PERSON}/confidant_person_relationship_requests/${REQUEST}/actions/approve`,
          query: {},
          body: { verification_code: 1234 },
        },
      ],
      [
        'sign it, without msp_drfo',
        signConfidantRequest(SETTINGS, PERSON, REQUEST, 'MIIB'),
        {
          method: 'PATCH',
          path: `/api/persons/${PERSON}/confidant_person_relationship_requests/${REQUEST}/actions/sign`,
          query: {},
          body: { signed_content: 'MIIB' },
        },
      ],
      [
        'resend its code',
        resendConfidantRequestOtp(SETTINGS, PERSON, REQUEST),
        {
          method: 'POST',
          path: `/api/persons/${PERSON}/confidant_person_relationship_requests/${REQUEST}/actions/resend_otp`,
          query: {},
          body: [],
        },
      ],
      [
        'list relationships not expired',
        listRelationships(SETTINGS, PERSON, true),
        {
          method: 'GET',
          path: `/api/persons/${PERSON}/confidant_person_relationships`,
          query: { is_expired: '0' },
        },
      ],
    ],
  )('%s', (_name, request, expected) => {
    expect(request).toEqual({ headers: HEADERS, ...expected });
  });

  it('sends empty API-key and no Authorization as configured by default', () => {
    expect(misHeaders({ customPsk: 'X-Custom-PSK', apiKey: '' })).toEqual({
      'Content-Type': 'application/json',
      'X-Custom-PSK': 'X-Custom-PSK',
      'API-key': '',
    });
  });

  it("writes bodies as PHP's json_encode and queries as http_build_query", () => {
    expect(phpJsonEncode({ a: 'Київ/1', b: [], c: {} })).toBe(
      '{"a":"\\u041a\\u0438\\u0457\\u0432\\/1","b":[],"c":{}}',
    );
    expect(JSON.parse(phpJsonEncode({ a: 'Київ/1' }))).toEqual({ a: 'Київ/1' });
    expect(
      targetOf(
        searchPersonsV1(SETTINGS, {
          firstName: "П'ятро",
          lastName: 'A B',
          birthDate: '1991-08-19',
        }),
      ),
    ).toBe(
      '/api/persons?first_name=%D0%9F%27%D1%8F%D1%82%D1%80%D0%BE&last_name=A%20B&birth_date=1991-08-19',
    );
  });

  it('formats form keys and drops empty values as PHP does', () => {
    expect(snake('documentsRelationship')).toBe('documents_relationship');
    expect(
      removeEmptyKeys({ a: false, b: 0, c: '', d: null, e: [{ x: '' }], f: { g: [] } }),
    ).toEqual({ a: false });
    // A list that loses its first item keeps the other's key, and is sent as an object.
    expect(removeEmptyKeys({ phones: [{ type: null }, { type: 'MOBILE' }] })).toEqual({
      phones: { 1: { type: 'MOBILE' } },
    });
  });
});

describe("the client's bodies against the registry's request schemas", () => {
  it.each<[string, RegistryOperationKey, MisRequest, string[]]>([
    [
      'released create',
      'POST /api/v2/person_requests',
      createPersonRequest(SETTINGS, { version: 'released', person: released }),
      [],
    ],
    [
      'newest create for a foreign document (no_tax_id null)',
      'POST /api/v3/person_requests',
      createPersonRequest(SETTINGS, { version: 'newest', person: newest }),
      [
        '/person/no_tax_id: must be boolean',
        '/person/addresses/0/country: must be equal to one of the allowed values (UA)',
      ],
    ],
    [
      'approve with a code',
      'PATCH /api/v3/person_requests/{id}/actions/approve',
      approvePersonRequest(SETTINGS, 'newest', REQUEST, 1234),
      [],
    ],
    [
      'sign',
      'PATCH /api/v3/person_requests/{id}/actions/sign',
      signPersonRequest(SETTINGS, 'newest', REQUEST, 'MIIB', '1'),
      [],
    ],
    [
      'insert OTP',
      'POST /api/persons/{id}/authentication_method_requests',
      insertAuthMethod(SETTINGS, PERSON, { type: 'OTP', phoneNumber: '+380501234567' }),
      [],
    ],
    [
      'update an alias',
      'POST /api/persons/{id}/authentication_method_requests',
      updateAuthMethod(SETTINGS, PERSON, CONFIDANT, 'a'),
      [],
    ],
    [
      'start a phone verification',
      'POST /api/verifications',
      startPhoneVerification(SETTINGS, '+380501234567'),
      [],
    ],
    [
      'complete it',
      'PATCH /api/verifications/{phone_number}/actions/complete',
      completePhoneVerification(SETTINGS, '+380501234567', 1234),
      [],
    ],
    [
      'create a confidant request',
      'POST /api/persons/{id}/confidant_person_relationship_requests',
      createConfidantRequest(SETTINGS, PERSON, {
        confidantPersonId: CONFIDANT,
        documentsRelationship: [{ type: 'COURT_DECISION', number: '1' }],
      }),
      [],
    ],
  ])('%s', (_name, operation, request, problems) => {
    expect(registryRequestProblems(operation, request.body)).toEqual(problems);
  });
});
