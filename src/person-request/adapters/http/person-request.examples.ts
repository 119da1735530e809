/** Examples of person requests shown in the API explorer. */
const ID = '7d23bebb-1cf3-4221-bf21-18aada444756';
const AT = '2026-11-23T10:15:30.123Z';

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
  authentication_method_current: [{ type: 'OTP', phone_number: '+38097*****67' }],
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

/** The person a signed request wrote. */
export const SIGNED_PERSON_ID = '0d0b5bd1-3f7c-4ab5-a0a5-6f1f3f4f0c55';
