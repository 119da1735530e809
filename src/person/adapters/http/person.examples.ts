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

export const VERIFICATION_EXAMPLE = {
  verification_status: 'VERIFICATION_NEEDED',
  verification_reason: 'RULES_PASSED',
  verification_comment: null,
};
