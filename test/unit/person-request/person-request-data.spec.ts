import {
  personRequestData,
  personRequestListItem,
} from '../../../src/person-request/domain/person-request-data.js';
import { aPersonRequest } from '../../support/mothers.js';

const PERSON_ID = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const AUTHORIZE_WITH = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

describe('the request as the registry shows it', () => {
  it('leaves out authorize_with, content and person_id while the request has none', () => {
    const request = aPersonRequest();

    expect(personRequestData(request)).toEqual({
      id: request.id,
      status: 'NEW',
      channel: 'MIS',
      person: request.person.asSent,
      patient_signed: false,
      process_disclosure_data_consent: true,
      inserted_at: request.insertedAt.toISOString(),
      updated_at: request.updatedAt.toISOString(),
    });
  });

  it('shows authorize_with, content and person_id once they are set', () => {
    const request = aPersonRequest({
      status: 'SIGNED',
      authorizeWith: AUTHORIZE_WITH,
      content: '<html></html>',
      personId: PERSON_ID,
      patientSigned: true,
    });

    expect(personRequestData(request)).toMatchObject({
      status: 'SIGNED',
      patient_signed: true,
      authorize_with: AUTHORIZE_WITH,
      content: '<html></html>',
      person_id: PERSON_ID,
    });
  });

  it('echoes the person exactly as sent, unknown keys included', () => {
    const request = aPersonRequest();
    expect(personRequestData(request).person).toBe(request.person.asSent);
    expect(request.person.asSent.forgotten_by_the_schema).toEqual({ kept: true });
  });

  it('shows an EXPIRED request as CANCELLED, in the data and in the list', () => {
    const request = aPersonRequest({ status: 'EXPIRED' });

    expect(personRequestData(request).status).toBe('CANCELLED');
    expect(personRequestListItem(request).status).toBe('CANCELLED');
  });

  it('lists a request in the short form: id, status, names and version 3', () => {
    const request = aPersonRequest({ status: 'APPROVED' });

    expect(personRequestListItem(request)).toEqual({
      id: request.id,
      status: 'APPROVED',
      person: { names: request.person.asSent.names },
      version: 3,
    });
  });
});
