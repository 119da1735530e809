/**
 * The registry's own examples for the person area, as its published contract gives them (meta and
 * all), so that the schemas can be proven against them. Shared parts are written once.
 */
import type { RegistryOperationKey } from '../../../support/registry/registry-answer.js';

const meta = (code: number | string) => ({
  code,
  url: 'https://example.com/resource',
  type: 'object',
  request_id: '6617aeec-15e2-4d6f-b9bd-53559c358f97#17810',
});

const personV2 = {
  id: '13001c60-45a0-4b5a-b425-9505e1de18bd',
  first_name: 'Петро',
  last_name: 'Іванов',
  second_name: 'Миколайович',
  birth_date: '2009-07-05',
  birth_country: 'Україна',
  birth_settlement: 'Вінниця',
  gender: 'MALE',
  email: 'email@example.com',
  no_tax_id: false,
  tax_id: '3999869394',
  secret: 'secret',
  documents: [
    {
      type: 'BIRTH_CERTIFICATE',
      number: 'АА120518',
      issued_by: 'Рокитнянським РВ ГУ МВС Київської області',
      issued_at: '2017-02-28',
      expiration_date: '2027-02-28',
    },
  ],
  addresses: [
    {
      type: 'RESIDENCE',
      country: 'UA',
      area: 'Житомирська',
      region: 'Бердичівський',
      settlement: 'Київ',
      settlement_type: 'CITY',
      settlement_id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
      street_type: 'STREET',
      street: 'вул. Ніжинська',
      building: '15',
      apartment: '23',
      zip: '02090',
    },
  ],
  phones: [
    {
      type: 'MOBILE',
      number: '+380503410870',
    },
  ],
  authentication_methods: [
    {
      type: 'THIRD_PERSON',
      phone_number: '+380508887700',
      value: 'c282f8a9-e709-40aa-94b4-dde1402bf4b6',
      alias: 'husband',
    },
  ],
  unzr: '20090705-00011',
  emergency_contact: {
    first_name: 'Петро',
    last_name: 'Іванов',
    second_name: 'Миколайович',
    phones: [
      {
        type: 'MOBILE',
        number: '+380503410870',
      },
    ],
  },
  confidant_person: {
    person_id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
    documents_relationship: [
      {
        type: 'BIRTH_CERTIFICATE',
        number: 'АА120518',
        issued_by: 'Рокитнянським РВ ГУ МВС Київської області',
        issued_at: '2017-02-28',
        active_to: '2025-08-19',
      },
    ],
  },
};

/** The v3 person of the answers (the create request spells one name "Petr" and orders a document's keys differently). */
const personV3 = {
  id: '13001c60-45a0-4b5a-b425-9505e1de18bd',
  names: [
    {
      first_name: 'Петро',
      last_name: 'Іванов',
      second_name: 'Миколайович',
      language: 'uk',
      no_last_name: false,
    },
    {
      first_name: 'Petro',
      last_name: 'Ivanov',
      second_name: 'Mykolaiovych',
      language: 'en',
      no_last_name: false,
    },
  ],
  birth_date: '2009-07-05',
  birth_country: 'Україна',
  birth_settlement: 'Вінниця',
  gender: 'MALE',
  email: 'email@example.com',
  no_tax_id: false,
  tax_id: '3999869394',
  secret: 'secret',
  documents: [
    {
      type: 'BIRTH_CERTIFICATE',
      number: 'АА120518',
      issued_by: 'Рокитнянським РВ ГУ МВС Київської області',
      issuing_country: 'UA',
      issued_at: '2017-02-28',
      expiration_date: '2027-02-28',
    },
  ],
  addresses: [
    {
      type: 'RESIDENCE',
      country: 'UA',
      area: 'Житомирська',
      region: 'Бердичівський',
      settlement: 'Київ',
      settlement_id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
      street_type: 'STREET',
      street: 'вул. Ніжинська',
      building: '15',
      apartment: '23',
      zip: '02090',
    },
  ],
  phones: [
    {
      type: 'MOBILE',
      number: '+380503410870',
    },
  ],
  authentication_methods: [
    {
      type: 'THIRD_PERSON',
      phone_number: '+380508887700',
      value: 'c282f8a9-e709-40aa-94b4-dde1402bf4b6',
      alias: 'husband',
    },
  ],
  unzr: '20090705-00011',
  emergency_contact: {
    first_name: 'Петро',
    last_name: 'Іванов',
    second_name: 'Миколайович',
    phones: [
      {
        type: 'MOBILE',
        number: '+380503410870',
      },
    ],
  },
  confidant_person: {
    person_id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
    documents_relationship: [
      {
        type: 'BIRTH_CERTIFICATE',
        number: 'АА120518',
        issued_by: 'Рокитнянським РВ ГУ МВС Київської області',
        issued_at: '2017-02-28',
        active_to: '2025-08-19',
      },
    ],
  },
};

const personV3Sent = {
  id: '13001c60-45a0-4b5a-b425-9505e1de18bd',
  names: [
    {
      first_name: 'Петро',
      last_name: 'Іванов',
      second_name: 'Миколайович',
      language: 'uk',
      no_last_name: false,
    },
    {
      first_name: 'Petr',
      last_name: 'Ivanov',
      second_name: 'Mykolaiovych',
      language: 'en',
      no_last_name: false,
    },
  ],
  birth_date: '2009-07-05',
  birth_country: 'Україна',
  birth_settlement: 'Вінниця',
  gender: 'MALE',
  email: 'email@example.com',
  no_tax_id: false,
  tax_id: '3999869394',
  secret: 'secret',
  documents: [
    {
      type: 'BIRTH_CERTIFICATE',
      number: 'АА120518',
      issued_by: 'Рокитнянським РВ ГУ МВС Київської області',
      issued_at: '2017-02-28',
      issuing_country: 'UA',
      expiration_date: '2027-02-28',
    },
  ],
  addresses: [
    {
      type: 'RESIDENCE',
      country: 'UA',
      area: 'Житомирська',
      region: 'Бердичівський',
      settlement: 'Київ',
      settlement_id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
      street_type: 'STREET',
      street: 'вул. Ніжинська',
      building: '15',
      apartment: '23',
      zip: '02090',
    },
  ],
  phones: [
    {
      type: 'MOBILE',
      number: '+380503410870',
    },
  ],
  authentication_methods: [
    {
      type: 'THIRD_PERSON',
      phone_number: '+380508887700',
      value: 'c282f8a9-e709-40aa-94b4-dde1402bf4b6',
      alias: 'husband',
    },
  ],
  unzr: '20090705-00011',
  emergency_contact: {
    first_name: 'Петро',
    last_name: 'Іванов',
    second_name: 'Миколайович',
    phones: [
      {
        type: 'MOBILE',
        number: '+380503410870',
      },
    ],
  },
  confidant_person: {
    person_id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
    documents_relationship: [
      {
        type: 'BIRTH_CERTIFICATE',
        number: 'АА120518',
        issued_by: 'Рокитнянським РВ ГУ МВС Київської області',
        issued_at: '2017-02-28',
        active_to: '2025-08-19',
      },
    ],
  },
};

const urgent = {
  authentication_method_current: [
    {
      type: 'OTP',
      phone_number: '+38093*****85',
    },
  ],
  documents: [
    {
      type: 'PASSPORT',
      url: 'https://storage.ehealth.world',
    },
  ],
};

const requestData = (person: object, content?: string) => ({
  status: 'SIGNED',
  id: 'eeebb86d-5cba-43c9-885b-6482ecaf826b',
  person,
  patient_signed: false,
  process_disclosure_data_consent: true,
  ...(content === undefined ? {} : { content }),
  channel: 'MIS',
  authorize_with: 'cc949559-5dfe-420f-ac05-065e443b2cc6',
});

/** What the sign examples' `signed_content` holds, decoded (base64 of its JSON with 2-space indents). */
export const SIGNED_CONTENT_DECODED = {
  status: 'APPROVED',
  id: 'eeebb86d-5cba-43c9-885b-6482ecaf826b',
  person: {
    id: '13001c60-45a0-4b5a-b425-9505e1de18bd',
    first_name: 'Петро',
    last_name: 'Іванов',
    second_name: 'Миколайович',
    birth_date: '2009-07-05',
    birth_country: 'Україна',
    birth_settlement: 'Вінниця',
    gender: 'MALE',
    email: 'email@example.com',
    no_tax_id: false,
    tax_id: '3999869394',
    secret: 'secret',
    documents: [
      {
        type: 'BIRTH_CERTIFICATE',
        number: 'АА120518',
        issued_by: 'Рокитнянським РВ ГУ МВС Київської області',
        issued_at: '2017-02-28',
        expiration_date: '2027-02-28',
      },
    ],
    addresses: [
      {
        type: 'RESIDENCE',
        country: 'UA',
        area: 'Житомирська',
        region: 'Бердичівський',
        settlement: 'Київ',
        settlement_type: 'CITY',
        settlement_id: 'b075f148',
        street_type: 'STREET',
        street: 'вул. Ніжинська',
        building: '15',
        apartment: '23',
        zip: '02090',
      },
    ],
    phones: [
      {
        type: 'MOBILE',
        number: '+380503410870',
      },
    ],
    authentication_methods: [
      {
        type: 'THIRD_PERSON',
        value: '+380508887700',
        alias: 'husband',
      },
    ],
    unzr: '20090705-00011',
    emergency_contact: {
      first_name: 'Петро',
      last_name: 'Іванов',
      second_name: 'Миколайович',
      phones: [
        {
          type: 'MOBILE',
          number: '+380503410870',
        },
      ],
    },
    confidant_person: [
      {
        relation_type: 'PRIMARY',
        first_name: 'Петро',
        last_name: 'Іванов',
        second_name: 'Миколайович',
        birth_date: '1972-10-26',
        birth_country: 'Україна',
        birth_settlement: 'Вінниця',
        gender: 'MALE',
        tax_id: '2659719350',
        secret: 'secret',
        documents_person: [
          {
            type: 'PASSPORT',
            number: 'АА120518',
            issued_by: 'Рокитнянським РВ ГУ МВС Київської області',
            issued_at: '2017-02-28',
          },
        ],
        documents_relationship: [
          {
            type: 'PASSPORT',
            number: 'АА120518',
            issued_by: 'Рокитнянським РВ ГУ МВС Київської області',
            issued_at: '2017-02-28',
          },
        ],
        phones: [
          {
            type: 'MOBILE',
            number: '+380503410870',
          },
        ],
        email: 'emaill@example.com',
      },
    ],
    preferred_way_communication: 'email',
  },
  patient_signed: true,
  process_disclosure_data_consent: true,
  content: '<html><body><p>signed person data</p></body></html>',
  channel: 'MIS',
};

const signedContent = Buffer.from(JSON.stringify(SIGNED_CONTENT_DECODED, null, 2)).toString(
  'base64',
);

const otpVerification = {
  id: '7d23bebb-1cf3-4221-bf21-18aada444756',
  status: 'NEW',
  code_expired_at: '2017-07-10T12:20:16.300597Z',
  active: true,
};

const confidantRequest = {
  id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
  status: 'NEW',
  action: 'DEACTIVATE',
  channel: 'MIS',
  confidant_person_id: '7b100a9c-daaa-490e-b88d-2a911059b055',
  documents_relationship: [
    {
      type: 'DEPRIVATION_OF_PARENTAL_RIGHTS',
      number: 'АА120518',
      issued_by: 'Рокитнянським РВ ГУ МВС Київської області',
      issued_at: '2017-02-28',
      active_to: '2025-08-19',
    },
  ],
  confidant_person_relationship: {
    id: '7b100a9c-daaa-490e-b88d-2a911059b055',
    documents_relationship: [
      {
        type: 'DEPRIVATION_OF_PARENTAL_RIGHTS',
        number: 'АА120518',
        issued_by: 'Рокитнянським РВ ГУ МВС Київської області',
        issued_at: '2017-02-28',
      },
    ],
  },
  authorize_with: 'cc949559-5dfe-420f-ac05-065e443b2cc6',
};

const confidantUrgent = {
  authentication_method_current: {
    type: 'OTP',
    phone_number: '+38093*****81',
  },
  documents: [
    {
      type: 'PASSPORT',
      url: 'https://storage.ehealth.world',
    },
  ],
};

const error422 = (type: string, message: string) => ({
  meta: meta('422'),
  error: { type, message },
});

export interface RegistryExample {
  readonly operation: RegistryOperationKey;
  /** The HTTP status of the answer, or `request` for the request body example. */
  readonly of: number | 'request';
  readonly example: unknown;
}

export const REGISTRY_EXAMPLES: readonly RegistryExample[] = [
  {
    operation: 'GET /api/person_requests',
    of: 200,
    example: {
      meta: meta(200),
      data: [
        {
          id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
          status: 'APPROVED',
          person: { first_name: 'Петро', last_name: 'Іванов', second_name: 'Миколайович' },
          version: 2,
        },
      ],
      paging: { page_number: 2, page_size: 50, total_entries: 1000, total_pages: 23 },
    },
  },
  {
    operation: 'GET /api/persons',
    of: 200,
    example: {
      meta: meta(200),
      data: [
        {
          id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
          first_name: 'Петро',
          last_name: 'Іванов',
          second_name: 'Миколайович',
          birth_date: '1991-08-19',
          gender: 'FEMALE',
          tax_id: '3126509816',
          phones: [{ type: 'MOBILE', number: '+380503410870' }],
          birth_settlement: 'Вінниця',
          birth_country: 'Україна',
          merged_persons: [
            {
              id: '57e30ea3-16f1-4f8e-adcd-1a05e99e2d22',
              inserted_at: '2019-05-08T15:34:00Z',
              merge_person_id: 'bdadc2a7-7283-4f24-bc99-8d8d9808af80',
              person_id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
              updated_at: '2019-05-08T15:34:00Z',
            },
          ],
        },
      ],
    },
  },
  {
    operation: 'GET /api/persons',
    of: 403,
    example: {
      meta: meta(403),
      error: {
        type: 'too_many_results',
        message:
          'This API method returns only exact match results, please retry with more specific search result',
      },
    },
  },
  {
    operation: 'GET /api/persons/{id}/authentication_methods',
    of: 200,
    example: {
      meta: meta(200),
      data: [
        {
          id: 'b94893f5-b66b-4431-b023-d5b5c037caef',
          type: 'THIRD_PERSON',
          value: '34d4aca0-ee15-4d2d-9ab8-336e5ba1f9c7',
          alias: 'husband',
          ended_at: '2020-01-10 18:23:34.217335',
          started_at: '2020-01-01 18:23:34.217335',
          is_active: true,
          person_id: '50320ee5-2bca-472c-a1a0-28e2e003ec2a',
          confidant_person: {
            id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
            name: 'Петров А.А.',
            gender: 'MALE',
            tax_id: '******50',
            no_tax_id: false,
            unzr: '**********99',
            documents_person: [{ number: '******18', type: 'PASSPORT' }],
            phones: { number: '+38093*****85' },
          },
          inserted_at: '2021-11-09T00:00:00.000Z',
          updated_at: '2021-11-09T00:00:00.000Z',
          inserted_by: 'A65C8369-CE3A-44D6-839B-8856E3DC4CA3',
          updated_by: 'A65C8369-CE3A-44D6-839B-8856E3DC4CA3',
        },
        {
          id: 'b84893f5-b66b-4431-b023-d5b5c037caef',
          type: 'OTP',
          phone_number: '+38093*****85',
          ended_at: '2020-01-10 18:23:34.217335',
          started_at: '2020-01-01 18:23:34.217335',
          is_active: true,
          inserted_by: 'A65C8369-CE3A-44D6-839B-8856E3DC4CA3',
          updated_by: 'A65C8369-CE3A-44D6-839B-8856E3DC4CA3',
          person_id: '50320ee5-2bca-472c-a1a0-28e2e003ec2a',
          inserted_at: '2021-11-09T00:00:00.000Z',
          updated_at: '2021-11-09T00:00:00.000Z',
        },
      ],
    },
  },
  {
    operation: 'GET /api/persons/{id}/authentication_methods',
    of: 403,
    example: { meta: meta(403), error: { type: 'forbidden', message: 'Such person not found' } },
  },
  {
    operation: 'GET /api/persons/{id}/confidant_person_relationship_requests',
    of: 200,
    example: {
      meta: meta(200),
      data: [
        {
          id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
          status: 'NEW',
          action: 'DEACTIVATE',
          channel: 'MIS',
        },
      ],
      paging: { page_number: 2, page_size: 50, total_entries: 1000, total_pages: 23 },
    },
  },
  {
    operation:
      'GET /api/persons/{id}/confidant_person_relationship_requests/{confidant_person_relationship_request_id}',
    of: 200,
    example: { meta: meta(200), data: confidantRequest },
  },
  {
    operation: 'GET /api/persons/{id}/confidant_person_relationships',
    of: 200,
    example: {
      meta: meta(200),
      data: [
        {
          id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
          active_to: '2025-08-19',
          documents_relationship: [{ type: 'BIRTH_CERTIFICATE', number: '******18' }],
          relationship_verification_details: {
            verification_status: 'VERIFICATION_NEEDED',
            verification_reason: 'MANUAL_CREATED_BY_DOCTOR',
            verification_comment: 'Підтверджено на підставі свідоцтва про народження',
          },
          confidant_person: {
            person_id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
            name: 'Петров А.А.',
            gender: 'MALE',
            tax_id: '******50',
            no_tax_id: false,
            unzr: '**********99',
            documents_person: [{ type: 'PASSPORT', number: '******18' }],
            phones: [{ type: 'MOBILE', number: '+38093*****85' }],
          },
        },
      ],
      paging: { page_number: 2, page_size: 50, total_entries: 1000, total_pages: 23 },
    },
  },
  {
    operation: 'GET /api/persons/{id}/confidant_person_relationships',
    of: 403,
    example: { meta: meta(403), error: { type: 'forbidden', message: 'Such person not found' } },
  },
  {
    operation: 'GET /api/persons/{id}/verification',
    of: 200,
    example: {
      meta: meta(200),
      data: {
        verification_status: 'NOT_VERIFIED',
        details: {
          drfo: { verification_status: 'NOT_VERIFIED', verification_reason: 'AUTO', result: 12 },
          dracs_death: {
            verification_status: 'NOT_VERIFIED',
            verification_reason: 'AUTO',
            verification_comment: 'Необхідно повторно підтвердити факт смерті у пацієнта',
          },
          nhs: {
            verification_status: 'NOT_VERIFIED',
            verification_reason: 'AUTO',
            verification_comment: 'Бракує даних паспорту пацієнта та його ІПН',
          },
          unzr: { verification_status: 'NOT_VERIFIED', verification_reason: 'AUTO', status: 0 },
          mvs_passport: {
            verification_status: 'NOT_VERIFIED',
            verification_reason: 'AUTO',
            status: 1,
          },
          dms_passport: {
            verification_status: 'NOT_VERIFIED',
            verification_reason: 'AUTO',
            status: 1,
          },
          dracs_birth: {
            verification_status: 'NOT_VERIFIED',
            verification_reason: 'AUTO_ONLINE',
            verification_comment:
              'Необхідно повторно підтвердити дані свідоцтва про народження пацієнта',
          },
          dracs_name_change: {
            verification_status: 'VERIFIED',
            verification_reason: 'MANUAL_COMFIRMED',
            verification_comment: 'Пацієнт не замінював ПІБ',
          },
          legal_capacity: {
            verification_status: 'VERIFICATION_NOT_NEEDED',
            verification_reason: 'AUTO_DATA_ABSENT',
          },
        },
      },
    },
  },
  {
    operation: 'GET /api/v2/person_requests/{id}',
    of: 200,
    example: { meta: meta(201), data: requestData(personV2, 'Person content'), urgent },
  },
  {
    operation: 'GET /api/v2/persons',
    of: 200,
    example: {
      meta: meta(200),
      data: [
        {
          id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
          names: [
            {
              first_name: 'Петро',
              last_name: 'Іванов',
              second_name: 'Миколайович',
              language: 'uk',
            },
          ],
          birth_date: '1991-08-19',
          gender: 'FEMALE',
          tax_id: '3126509816',
          phones: [{ type: 'MOBILE', number: '+380503410870' }],
          birth_settlement: 'Вінниця',
          birth_country: 'Україна',
          documents: [{ type: 'BIRTH_CERTIFICATE', number: 'АА120518' }],
        },
      ],
    },
  },
  {
    operation: 'GET /api/v2/persons',
    of: 403,
    example: {
      meta: meta(403),
      error: {
        type: 'too_many_results',
        message:
          'This API method returns only exact match results, please retry with more specific search result',
      },
    },
  },
  {
    operation: 'GET /api/v3/person_requests',
    of: 200,
    example: {
      meta: meta(200),
      data: [
        {
          id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
          status: 'APPROVED',
          person: {
            names: [
              {
                first_name: 'Петро',
                last_name: 'Іванов',
                second_name: 'Миколайович',
                language: 'uk',
                no_last_name: false,
              },
              {
                first_name: 'Petro',
                last_name: 'Ivanov',
                second_name: 'Mykolaiovych',
                language: 'en',
                no_last_name: false,
              },
            ],
          },
          version: 3,
        },
      ],
      paging: { page_number: 2, page_size: 50, total_entries: 1000, total_pages: 23 },
    },
  },
  {
    operation: 'GET /api/v3/person_requests/{id}',
    of: 200,
    example: { meta: meta(201), data: requestData(personV3, 'Person content'), urgent },
  },
  {
    operation: 'GET /api/verifications/{phone_number}',
    of: 200,
    example: { meta: meta(200), data: { phone_number: '+380508887700' } },
  },
  {
    operation:
      'PATCH /api/persons/{id}/authentication_method_requests/{request_id}/actions/approve',
    of: 'request',
    example: { verification_code: 7489 },
  },
  {
    operation:
      'PATCH /api/persons/{id}/authentication_method_requests/{request_id}/actions/approve',
    of: 201,
    example: {
      meta: meta(201),
      data: { id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b', status: 'COMPLETED', channel: 'MIS' },
    },
  },
  {
    operation:
      'PATCH /api/persons/{id}/authentication_method_requests/{request_id}/actions/approve',
    of: 422,
    example: error422(
      'request_malformed',
      'This doctor has X declarations and could not sign more',
    ),
  },
  {
    operation:
      'PATCH /api/persons/{id}/confidant_person_relationship_requests/{confidant_person_relationship_request_id}/actions/approve',
    of: 'request',
    example: { verification_code: 7489 },
  },
  {
    operation:
      'PATCH /api/persons/{id}/confidant_person_relationship_requests/{confidant_person_relationship_request_id}/actions/approve',
    of: 200,
    example: { meta: meta(200), data: confidantRequest },
  },
  {
    operation:
      'PATCH /api/persons/{id}/confidant_person_relationship_requests/{confidant_person_relationship_request_id}/actions/approve',
    of: 422,
    example: error422('request_malformed', 'This patient has X confidants and can not have more'),
  },
  {
    operation:
      'PATCH /api/persons/{id}/confidant_person_relationship_requests/{confidant_person_relationship_request_id}/actions/sign',
    of: 'request',
    example: { signed_content: signedContent },
  },
  {
    operation:
      'PATCH /api/persons/{id}/confidant_person_relationship_requests/{confidant_person_relationship_request_id}/actions/sign',
    of: 200,
    example: { meta: meta(200), data: { ...confidantRequest, status: 'COMPLETED' } },
  },
  {
    operation: 'PATCH /api/v2/person_requests/{id}/actions/approve',
    of: 'request',
    example: { verification_code: 6598 },
  },
  {
    operation: 'PATCH /api/v2/person_requests/{id}/actions/approve',
    of: 201,
    example: { meta: meta(201), data: requestData(personV2, 'Person content') },
  },
  {
    operation: 'PATCH /api/v2/person_requests/{id}/actions/approve',
    of: 422,
    example: error422('forbidden', 'Invalid verification code'),
  },
  {
    operation: 'PATCH /api/v2/person_requests/{id}/actions/reject',
    of: 200, // filed under 201 by the registry; its meta says 200, and the project keeps 200
    example: { meta: meta(200), data: requestData(personV2, 'Person content') },
  },
  {
    operation: 'PATCH /api/v2/person_requests/{id}/actions/sign',
    of: 'request',
    example: { signed_content: signedContent },
  },
  {
    operation: 'PATCH /api/v2/person_requests/{id}/actions/sign',
    of: 200,
    example: {
      meta: meta(200),
      data: {
        person_id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
        updated_at: '2017-03-02T00:00:00.000Z',
        status: 'SIGNED',
        id: '74a6fae6-4207-4e03-a136-f2e70c6b0c02',
        inserted_at: '2017-07-06T16:54:05.161571Z',
      },
    },
  },
  {
    operation: 'PATCH /api/v3/person_requests/{id}/actions/approve',
    of: 'request',
    example: { verification_code: 6598 },
  },
  {
    operation: 'PATCH /api/v3/person_requests/{id}/actions/approve',
    of: 201,
    example: { meta: meta(201), data: requestData(personV3, 'Person content') },
  },
  {
    operation: 'PATCH /api/v3/person_requests/{id}/actions/approve',
    of: 422,
    example: error422('forbidden', 'Invalid verification code'),
  },
  {
    operation: 'PATCH /api/v3/person_requests/{id}/actions/reject',
    of: 200, // filed under 201 by the registry; its meta says 200, and the project keeps 200
    example: { meta: meta(200), data: requestData(personV3, 'Person content') },
  },
  {
    operation: 'PATCH /api/v3/person_requests/{id}/actions/sign',
    of: 'request',
    example: { signed_content: signedContent },
  },
  {
    operation: 'PATCH /api/v3/person_requests/{id}/actions/sign',
    of: 200,
    example: {
      meta: meta(200),
      data: {
        person_id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
        updated_at: '2017-03-02T00:00:00.000Z',
        status: 'SIGNED',
        id: '74a6fae6-4207-4e03-a136-f2e70c6b0c02',
        inserted_at: '2017-07-06T16:54:05.161571Z',
      },
    },
  },
  {
    operation: 'PATCH /api/verifications/{phone_number}/actions/complete',
    of: 'request',
    example: { code: 3782 },
  },
  {
    operation: 'PATCH /api/verifications/{phone_number}/actions/complete',
    of: 200,
    example: { meta: meta(200), data: otpVerification },
  },
  {
    operation: 'POST /api/person_requests/{id}/actions/resend_otp',
    of: 200,
    example: { meta: meta(200), data: otpVerification },
  },
  {
    operation: 'POST /api/persons/{id}/authentication_method_requests',
    of: 201,
    example: {
      meta: meta(201),
      data: { id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b', status: 'NEW', channel: 'MIS' },
      urgent: {
        authentication_method_current: [{ type: 'OTP', phone_number: '+38093*****81' }],
        documents: [{ type: 'PASSPORT', url: 'https://storage.ehealth.world' }],
      },
    },
  },
  {
    operation: 'POST /api/persons/{id}/authentication_method_requests',
    of: 422,
    example: error422('unverified', 'Unverified phone number'),
  },
  {
    operation:
      'POST /api/persons/{id}/authentication_method_requests/{request_id}/actions/resend_otp',
    of: 200,
    example: { meta: meta(200), data: otpVerification },
  },
  {
    operation: 'POST /api/persons/{id}/confidant_person_relationship_requests',
    of: 'request',
    example: {
      confidant_person_id: '7b100a9c-daaa-490e-b88d-2a911059b055',
      documents_relationship: [
        {
          type: 'DEPRIVATION_OF_PARENTAL_RIGHTS',
          number: 'АА120518',
          issued_by: 'Рокитнянським РВ ГУ МВС Київської області',
          issued_at: '2017-02-28',
          active_to: '2025-08-19',
        },
      ],
    },
  },
  {
    operation: 'POST /api/persons/{id}/confidant_person_relationship_requests',
    of: 201,
    example: {
      meta: meta(201),
      data: { ...confidantRequest, action: 'INSERT' },
      urgent: confidantUrgent,
    },
  },
  {
    operation: 'POST /api/persons/{id}/confidant_person_relationship_requests',
    of: 422,
    example: error422('unverified', 'Unverified phone number'),
  },
  {
    operation: 'POST /api/persons/{id}/confidant_person_relationship_requests/deactivate',
    of: 'request',
    example: {
      confidant_person_relationship: {
        id: '7b100a9c-daaa-490e-b88d-2a911059b055',
        documents_relationship: [
          {
            type: 'DEPRIVATION_OF_PARENTAL_RIGHTS',
            number: 'АА120518',
            issued_by: 'Рокитнянським РВ ГУ МВС Київської області',
            issued_at: '2017-02-28',
          },
        ],
      },
      authorize_with: 'cc949559-5dfe-420f-ac05-065e443b2cc6',
    },
  },
  {
    operation: 'POST /api/persons/{id}/confidant_person_relationship_requests/deactivate',
    of: 201,
    example: { meta: meta(201), data: confidantRequest, urgent: confidantUrgent },
  },
  {
    operation: 'POST /api/persons/{id}/confidant_person_relationship_requests/deactivate',
    of: 422,
    example: error422('request_malformed', 'This patient has X confidants and can not have more'),
  },
  {
    operation: 'POST /api/v2/person_requests',
    of: 'request',
    example: {
      person: personV2,
      patient_signed: false,
      process_disclosure_data_consent: true,
      authorize_with: 'cc949559-5dfe-420f-ac05-065e443b2cc6',
    },
  },
  {
    operation: 'POST /api/v2/person_requests',
    of: 201,
    example: { meta: meta(201), data: requestData(personV2), urgent },
  },
  {
    operation: 'POST /api/v2/person_requests',
    of: 422,
    example: error422('unverified', 'Unverified phone number'),
  },
  {
    operation: 'POST /api/v3/person_requests',
    of: 'request',
    example: {
      person: personV3Sent,
      patient_signed: false,
      process_disclosure_data_consent: true,
      authorize_with: 'cc949559-5dfe-420f-ac05-065e443b2cc6',
    },
  },
  {
    operation: 'POST /api/v3/person_requests',
    of: 201,
    example: { meta: meta(201), data: requestData(personV3), urgent },
  },
  {
    operation: 'POST /api/v3/person_requests',
    of: 422,
    example: error422('unverified', 'Unverified phone number'),
  },
  {
    operation: 'POST /api/verifications',
    of: 'request',
    example: { phone_number: '+380508887700' },
  },
  {
    operation: 'POST /api/verifications',
    of: 200,
    example: { meta: meta(200), data: otpVerification },
  },
];
