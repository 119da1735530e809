/** Examples of confidant relationship requests and relationships shown in the API explorer. */
const ID = 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b';
const CONFIDANT_ID = '7b100a9c-daaa-490e-b88d-2a911059b055';
const RELATIONSHIP_ID = '3f2b0a55-6a63-4a0e-9d1f-2d8c2e6f4b10';

const DOCUMENT = {
  type: 'BIRTH_CERTIFICATE',
  number: 'АА120518',
  issued_by: 'Рокитнянським РВ ГУ МВС Київської області',
  issued_at: '2017-02-28',
  active_to: '2030-08-19',
};

export const INSERT_BODY_EXAMPLE = {
  confidant_person_id: CONFIDANT_ID,
  documents_relationship: [DOCUMENT],
};

export const DEACTIVATE_BODY_EXAMPLE = {
  confidant_person_relationship: {
    id: RELATIONSHIP_ID,
    documents_relationship: [
      {
        type: 'COURT_DECISION',
        number: '2-123/2026',
        issued_by: 'Шевченківський районний суд м. Києва',
        issued_at: '2026-11-01',
      },
    ],
  },
};

export const CONFIDANT_REQUEST_EXAMPLE = {
  id: ID,
  status: 'NEW',
  action: 'INSERT',
  channel: 'MIS',
  confidant_person_id: CONFIDANT_ID,
  documents_relationship: [DOCUMENT],
};

export const DEACTIVATE_REQUEST_EXAMPLE = {
  ...CONFIDANT_REQUEST_EXAMPLE,
  action: 'DEACTIVATE',
  confidant_person_relationship: DEACTIVATE_BODY_EXAMPLE.confidant_person_relationship,
};

export const CONFIDANT_URGENT = {
  authentication_method_current: { type: 'OTP', phone_number: '+38093*****81' },
  documents: [
    {
      type: 'BIRTH_CERTIFICATE',
      url: `http://localhost:3000/api/uploads/confidant_person_relationship_requests/${ID}/documents_relationship_0.jpeg?expires=1795436130&signature=…`,
    },
  ],
};

export const CONFIDANT_REQUEST_ITEM = { id: ID, status: 'NEW', action: 'INSERT', channel: 'MIS' };

export const RELATIONSHIP_EXAMPLE = {
  id: RELATIONSHIP_ID,
  active_to: '2030-08-19',
  documents_relationship: [{ type: 'BIRTH_CERTIFICATE', number: '******18' }],
  relationship_verification_details: {
    verification_status: 'VERIFICATION_NEEDED',
    verification_reason: 'MANUAL_CREATED_BY_DOCTOR',
  },
  confidant_person: {
    person_id: CONFIDANT_ID,
    name: 'Петров А.А.',
    gender: 'MALE',
    tax_id: '********50',
    no_tax_id: false,
    documents_person: [{ type: 'PASSPORT', number: '******18' }],
    phones: [{ type: 'MOBILE', number: '+38093*****85' }],
  },
};
