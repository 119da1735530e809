import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { adultWithOtp, CONFIDANT_SCOPES, signedData } from '../support/confidant.js';
import {
  approveConfidantRequest,
  checkConfidantRequestList,
  checkCreateConfidantRequestAnswer,
  checkRelationships,
  checkSignConfidantRequestAnswer,
  createConfidantRequest,
  deactivateConfidantRelationship,
  getConfidantRequest,
  listConfidantRequests,
  listRelationships,
  resendConfidantRequestOtp,
  signConfidantRequest,
} from '../support/ohealth/confidant-calls.js';
import { sendMisRequest, type MisRequest } from '../support/ohealth/mis-request.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { expectRegistryAnswer } from '../support/registry/registry-answer.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { uploadScans } from '../support/uploads.js';

const VERSIONS = ['released', 'newest'] as const;
const MIS = { customPsk: 'X-Custom-PSK', apiKey: '', bearerToken: tokenFor(CONFIDANT_SCOPES) };

/**
 * The eight confidant calls of the MIS client openhealths/ohealth, with its exact bytes (dates
 * as its forms hold them, `[]` for a resend, `is_expired=0`), and what each of its versions reads
 * of every answer.
 */
describe('the real MIS client’s confidant calls', () => {
  let t: TestApp;
  const sms = new CapturingSmsSender();

  beforeAll(async () => {
    t = await createTestApp({
      listen: true,
      customize: (b) => b.overrideProvider(SmsSender).useValue(sms),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const send = async (request: MisRequest, status: number) => {
    const res = await sendMisRequest(t.http, request);
    expect({ status: res.status, error: res.body.error }).toEqual({ status, error: undefined });
    return res;
  };
  const each = (check: (version: (typeof VERSIONS)[number]) => string[]) => {
    for (const version of VERSIONS)
      expect({ version, failures: check(version) }).toEqual({ version, failures: [] });
  };

  it('starts a relationship and ends it, every answer read without a failure', async () => {
    const { person, phone } = await adultWithOtp(t, { birth_date: '1945-03-03' });
    const { person: confidant } = await adultWithOtp(t);

    const created = await send(
      createConfidantRequest(MIS, person.id, {
        confidantPersonId: confidant.id,
        documentsRelationship: [
          {
            type: 'BIRTH_CERTIFICATE',
            number: 'АА120518',
            issuedBy: 'РАЦС',
            issuedAt: '28.02.2017',
            activeTo: '19.08.2030',
          },
        ],
      }),
      201,
    );
    expectRegistryAnswer('POST /api/persons/{id}/confidant_person_relationship_requests', created);
    each((v) => checkCreateConfidantRequestAnswer(v, created.body));
    const id = created.body.data.id as string;

    const list = await send(listConfidantRequests(MIS, person.id), 200);
    each((v) => checkConfidantRequestList(v, list.body));
    await send(getConfidantRequest(MIS, person.id, id), 200);
    await send(resendConfidantRequestOtp(MIS, person.id, id), 200);
    await uploadScans(t, created.body.urgent.documents);
    const approved = await send(
      approveConfidantRequest(MIS, person.id, id, Number(sms.lastCodeFor(phone))),
      200,
    );
    const signed = await send(
      signConfidantRequest(MIS, person.id, id, await signedData(t, approved.body.data)),
      200,
    );
    each((v) => checkSignConfidantRequestAnswer(v, signed.body, true));

    const relationships = await send(listRelationships(MIS, person.id, true), 200);
    expect(relationships.body.data).toHaveLength(1);
    each((v) => checkRelationships(v, relationships.body));
    await send(listRelationships(MIS, person.id), 200);

    const relationshipId = relationships.body.data[0].id as string;
    const deactivation = await send(
      deactivateConfidantRelationship(MIS, person.id, relationshipId, [
        { type: 'COURT_DECISION', number: '2-1/2026', issuedBy: 'Суд', issuedAt: '01.11.2026' },
      ]),
      201,
    );
    each((v) => checkCreateConfidantRequestAnswer(v, deactivation.body));
    const deactivationId = deactivation.body.data.id as string;
    await uploadScans(t, deactivation.body.urgent.documents);
    const approvedEnd = await send(
      approveConfidantRequest(MIS, person.id, deactivationId, Number(sms.lastCodeFor(phone))),
      200,
    );
    const ended = await send(
      signConfidantRequest(
        MIS,
        person.id,
        deactivationId,
        await signedData(t, approvedEnd.body.data),
      ),
      200,
    );
    each((v) => checkSignConfidantRequestAnswer(v, ended.body, false));
    const after = await send(listRelationships(MIS, person.id, true), 200);
    expect(after.body.data).toEqual([]);
  });
});
