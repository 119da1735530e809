/** Response examples shown in the explorer (one place, so they stay consistent). */
const ID = '7d23bebb-1cf3-4221-bf21-18aada444756';
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

export const OTP_VERIFICATION_EXAMPLE = {
  id: ID,
  status: 'NEW',
  code_expired_at: '2026-11-23T10:30:30.123Z',
  active: true,
};

export const PERSON_REQUEST_EXAMPLE = {
  id: ID,
  status: 'NEW',
  channel: 'MIS',
  person: {
    names: [{ language: 'uk', first_name: 'Олена', last_name: 'Петренко', no_last_name: false }],
    '…': 'the v3 person as sent',
  },
  patient_signed: false,
  process_disclosure_data_consent: true,
  inserted_at: AT,
  updated_at: AT,
};

export const PERSON_REQUEST_URGENT = {
  authentication_method_current: { type: 'OTP', number: '+38097*****67' },
  documents: [],
};

export const PERSON_REQUEST_LIST_ITEM = {
  id: ID,
  status: 'NEW',
  person: {
    names: [{ language: 'uk', first_name: 'Олена', last_name: 'Петренко', no_last_name: false }],
  },
  version: 3,
};

export const PAGING_EXAMPLE = { page_number: 1, page_size: 50, total_entries: 1, total_pages: 1 };

export const AMR_EXAMPLE = {
  id: ID,
  person_id: PERSON_ID,
  status: 'NEW',
  channel: 'MIS',
  action: 'INSERT',
  authentication_method: { type: 'OFFLINE' },
  authentication_method_current: { type: 'OTP' },
  inserted_at: AT,
  updated_at: AT,
};

export const AMR_URGENT = {
  authentication_method_current: { type: 'OTP', number: '+38097*****67' },
  documents: [
    {
      type: 'PASSPORT',
      url: 'http://localhost:3000/api/uploads/authentication_method_requests/7d23bebb-1cf3-4221-bf21-18aada444756/PASSPORT.jpeg?expires=1795436130&signature=…',
    },
  ],
};
