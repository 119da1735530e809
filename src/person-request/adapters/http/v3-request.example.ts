/**
 * A full v3 body, shaped like a real MIS client's (openhealths/ohealth sends the same keys): the
 * explorer's example, the tests' base body (test/support/v3.ts) and the benchmark's. The tax id
 * is valid for the birth date and gender (docs/domain-rules.md, Tax id).
 */
// Kept apart from the DTOs (no decorators): tests and the benchmark import it without Swagger.
export const V3_REQUEST_EXAMPLE = {
  person: {
    names: [
      {
        language: 'uk',
        first_name: 'Олена',
        last_name: 'Петренко',
        second_name: 'Іванівна',
        no_last_name: false,
      },
      { language: 'en', first_name: 'Olena', last_name: 'Petrenko', no_last_name: false },
    ],
    birth_date: '1972-10-26',
    birth_country: 'Україна',
    birth_settlement: 'Київ',
    gender: 'MALE',
    email: 'olena@example.com',
    tax_id: '2659719350',
    no_tax_id: false,
    secret: 'secret1',
    unzr: '19721026-00011',
    preferred_way_communication: 'phone',
    documents: [
      {
        type: 'PASSPORT',
        number: 'АА123456',
        issued_by: 'Печерським РУ ГУ МВС',
        issued_at: '2010-06-01',
        issuing_country: 'UA',
        expiration_date: null,
      },
      {
        type: 'NATIONAL_ID',
        number: '000123456',
        issued_by: '8000',
        issued_at: '2018-02-01',
        expiration_date: '2028-02-01',
      },
    ],
    addresses: [
      {
        type: 'RESIDENCE',
        country: 'UA',
        area: 'М.КИЇВ',
        settlement: 'Київ',
        settlement_type: 'CITY',
        settlement_id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
        street_type: 'STREET',
        street: 'Хрещатик',
        building: '1',
        apartment: '2',
        zip: '01001',
      },
    ],
    phones: [{ type: 'MOBILE', number: '+380971234567' }],
    authentication_methods: [{ type: 'OTP', phone_number: '+380971234567' }],
    emergency_contact: {
      first_name: 'Петро',
      last_name: 'Петренко',
      second_name: null,
      phones: [{ type: 'MOBILE', number: '+380501112233' }],
    },
  },
  patient_signed: false,
  process_disclosure_data_consent: true,
};
