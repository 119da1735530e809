/** Examples of persons shown in the API explorer. */
const PERSON_ID = '0d0b5bd1-3f7c-4ab5-a0a5-6f1f3f4f0c55';
const AT = '2026-11-23T10:15:30.123Z';

export const METHOD_EXAMPLE = {
  id: 'a3c5e1f2-6b7d-4e8f-9a0b-1c2d3e4f5a6b',
  type: 'OTP',
  phone_number: '+380971234567',
  value: null,
  alias: 'personal',
  started_at: AT,
  ended_at: null,
};

export const PERSON_EXAMPLE = {
  id: PERSON_ID,
  first_name: 'Олена',
  last_name: 'Петренко',
  second_name: 'Іванівна',
  birth_date: '1972-10-26',
  gender: 'MALE',
  tax_id: '2659719350',
  no_tax_id: false,
  status: 'active',
  verification_status: 'VERIFICATION_NEEDED',
  verification_reason: 'INITIAL',
  verification_comment: null,
  documents: [
    { type: 'PASSPORT', number: 'АА123456', issued_at: '2010-06-01', expiration_date: null },
  ],
  authentication_methods: [METHOD_EXAMPLE],
  inserted_at: AT,
  updated_at: AT,
};

export const LISTED_METHOD_EXAMPLE = {
  ...METHOD_EXAMPLE,
  phone_number: '+38097*****67',
  is_active: true,
  person_id: PERSON_ID,
  inserted_at: AT,
  inserted_by: 'c1a7e3b2-4d5f-4a6b-8c9d-0e1f2a3b4c5d',
  updated_at: AT,
  updated_by: 'c1a7e3b2-4d5f-4a6b-8c9d-0e1f2a3b4c5d',
};

const notVerified = { verification_status: 'NOT_VERIFIED', verification_reason: 'AUTO' };

export const VERIFICATION_EXAMPLE = {
  verification_status: 'VERIFICATION_NEEDED',
  verification_reason: 'RULES_PASSED',
  verification_comment: null,
  details: {
    drfo: notVerified,
    dracs_death: notVerified,
    dracs_birth: notVerified,
    dracs_name_change: notVerified,
    legal_capacity: notVerified,
    mvs_passport: notVerified,
    dms_passport: notVerified,
    nhs: notVerified,
    unzr: { verification_status: 'VERIFIED', verification_reason: 'AUTO_ONLINE', status: 1 },
  },
};
