import { V3_REQUEST_EXAMPLE } from './v3-request.example.js';

const { names: _names, documents, emergency_contact, ...common } = V3_REQUEST_EXAMPLE.person;

/**
 * A full v2 body (the registry's v2 person: flat names where v3 has `names[]`), as the released
 * openhealths/ohealth sends it (no empty values: it drops them before sending): the explorer's
 * example and the tests' base v2 body. The rest of the person is the v3 example's.
 */
// Kept apart from the DTOs (no decorators): tests import it without Swagger.
export const V2_REQUEST_EXAMPLE = {
  person: {
    first_name: 'Олена',
    last_name: 'Петренко',
    second_name: 'Іванівна',
    ...common,
    documents: documents.map(({ expiration_date, ...document }) =>
      expiration_date === null ? document : { ...document, expiration_date },
    ),
    emergency_contact: {
      first_name: emergency_contact.first_name,
      last_name: emergency_contact.last_name,
      phones: emergency_contact.phones,
    },
  },
  patient_signed: false,
  process_disclosure_data_consent: true,
};
