import {
  checkApproveAuthMethodRequestAnswer,
  checkCreateAuthMethodRequestAnswer,
  checkFindVerifiedPhoneAnswer,
  checkResendAuthMethodRequestOtpAnswer,
  FIND_PHONE_RULES,
  NEWEST_APPROVE_AUTH_METHOD_RULES,
  NEWEST_CREATE_AUTH_METHOD_RULES,
  RELEASED_APPROVE_AUTH_METHOD_RULES,
  RELEASED_CREATE_AUTH_METHOD_RULES,
} from '../../../support/ohealth/auth-method-calls.js';
import {
  checkConfidantRequestList,
  checkCreateConfidantRequestAnswer,
  checkRelationships,
  checkSignConfidantRequestAnswer,
  confidantRequestRules,
  NEWEST_RELATIONSHIPS_RULES,
} from '../../../support/ohealth/confidant-calls.js';
import { DEFAULT_DICTIONARIES } from '../../../support/ohealth/dictionaries.js';
import {
  checkAuthMethods,
  checkPersonVerification,
  NEWEST_AUTH_METHODS_RULES,
  NEWEST_VERIFICATION_RULES,
  RELEASED_AUTH_METHODS_RULES,
} from '../../../support/ohealth/person-calls.js';
import type { Rules } from '../../../support/ohealth/laravel-validation.js';
import type { ClientVersion } from '../../../support/ohealth/person-request-calls.js';
import type { RegistryOperationKey } from '../../../support/registry/registry-answer.js';
import { REGISTRY_EXAMPLES } from '../registry/registry-examples.js';
import { breakEveryRule } from './break-rules.js';

function example(operation: RegistryOperationKey, status: number): any {
  const found = REGISTRY_EXAMPLES.find((e) => e.operation === operation && e.of === status);
  if (found === undefined) throw new Error(`no example for ${operation}`);
  return structuredClone(found.example);
}
const PERSON = '/api/persons/{id}';
const REQUESTS = `${PERSON}/confidant_person_relationship_requests`;
const ONE = `${REQUESTS}/{confidant_person_relationship_request_id}`;
const methods = () => example(`GET ${PERSON}/authentication_methods`, 200);
const verification = () => example(`GET ${PERSON}/verification`, 200);
const amrCreated = () => example(`POST ${PERSON}/authentication_method_requests`, 201);
const amrApproved = () =>
  example(`PATCH ${PERSON}/authentication_method_requests/{request_id}/actions/approve`, 201);
const cprCreated = () => example(`POST ${REQUESTS}`, 201);
const cprList = () => example(`GET ${REQUESTS}`, 200);
const cprSigned = () => example(`PATCH ${ONE}/actions/sign`, 200);
const relationships = () => example(`GET ${PERSON}/confidant_person_relationships`, 200);
const phoneFound = () => example('GET /api/verifications/{phone_number}', 200);
/** The registry's example holds register results (`status`, `result`) of dictionaries not listed by default. */
const registers = { ...DEFAULT_DICTIONARIES, EIS_MVS_STATUS: [0, 1], DRFO_RESULT: [12] };

/** Every rule of a table broken once, each refused by the check. */
function eachRuleRefused(
  title: string,
  rules: Rules,
  base: { data: unknown; urgent?: unknown },
  check: (body: unknown) => string[],
  where?: (pattern: string) => 'data' | 'urgent',
) {
  const plan = breakEveryRule(rules, base, where);
  it.each(plan.broken.map((b) => [b.failure, b.body]))(`${title}: refuse %s`, (failure, body) => {
    expect(check(body)).toContain(failure);
  });
  return plan;
}

describe("the client's checks of authentication methods and verifications", () => {
  it("accept the registry's examples", () => {
    for (const version of ['released', 'newest'] as ClientVersion[]) {
      expect(checkAuthMethods(version, methods())).toEqual([]);
      expect(checkCreateAuthMethodRequestAnswer(version, amrCreated())).toEqual([]);
      expect(checkApproveAuthMethodRequestAnswer(version, amrApproved())).toEqual([]);
      expect(
        checkResendAuthMethodRequestOtpAnswer(
          version,
          example(
            `POST ${PERSON}/authentication_method_requests/{request_id}/actions/resend_otp`,
            200,
          ),
        ),
      ).toEqual([]);
    }
    expect(checkPersonVerification('released', verification())).toEqual([]);
    expect(checkPersonVerification('newest', verification(), registers)).toEqual([]);
    expect(checkFindVerifiedPhoneAnswer(phoneFound(), '+380508887700')).toEqual([]);
  });

  const released = eachRuleRefused(
    'released methods list',
    RELEASED_AUTH_METHODS_RULES,
    methods(),
    (b) => checkAuthMethods('released', b),
  );
  const newestRules = { ...NEWEST_AUTH_METHODS_RULES };
  // The newest client names a THIRD_PERSON method without alias UNKNOWN before it validates.
  newestRules['*.alias'] = newestRules['*.alias'].filter(
    (r) => r !== 'required_if:*.type,THIRD_PERSON',
  );
  const newest = eachRuleRefused('newest methods list', newestRules, methods(), (b) =>
    checkAuthMethods('newest', b),
  );

  it('let the newest client name a THIRD_PERSON method without alias UNKNOWN', () => {
    const answer = methods();
    delete answer.data[0].alias;
    expect(checkAuthMethods('newest', answer)).toEqual([]);
    expect(checkAuthMethods('released', answer)).toEqual([]);
  });

  it('refuse, in the released client, a THIRD_PERSON method whose confidant has no gender', () => {
    const answer = methods();
    delete answer.data[0].confidant_person.gender;
    expect(checkAuthMethods('released', answer)).toEqual([
      '0.confidant_person.gender: required_if:*.type,THIRD_PERSON',
    ]);
    expect(checkAuthMethods('newest', answer)).toEqual([]);
  });

  const details = eachRuleRefused(
    'newest verification details',
    NEWEST_VERIFICATION_RULES,
    verification(),
    (b) => checkPersonVerification('newest', b, registers),
  );

  it('refuse, in the released client, a verification answer without verification_status', () => {
    const answer = verification();
    delete answer.data.verification_status;
    expect(checkPersonVerification('released', answer)).toEqual([
      'verification_status: missing, read by PersonData::getVerificationStatus',
    ]);
  });

  const phone = eachRuleRefused('verified phone', FIND_PHONE_RULES, phoneFound(), (b) =>
    checkFindVerifiedPhoneAnswer(b, '+380508887700'),
  );

  it('refuse a verified phone that is not the one asked for, or is masked', () => {
    expect(checkFindVerifiedPhoneAnswer(phoneFound(), '+380508887701')).toEqual([
      'phone_number: +380508887700 is not the phone asked for (verifyOwnership)',
    ]);
    const masked = phoneFound();
    masked.data.phone_number = '+38050*****00';
    expect(checkFindVerifiedPhoneAnswer(masked, '+380508887700')).toEqual([
      'phone_number: PhoneNumber',
    ]);
  });

  const inUrgent = (pattern: string) => (pattern.startsWith('documents') ? 'urgent' : 'data');
  const createReleased = eachRuleRefused(
    'released AMR create',
    RELEASED_CREATE_AUTH_METHOD_RULES,
    amrCreated(),
    (b) => checkCreateAuthMethodRequestAnswer('released', b),
    inUrgent,
  );
  const createNewest = eachRuleRefused(
    'newest AMR create',
    NEWEST_CREATE_AUTH_METHOD_RULES,
    amrCreated(),
    (b) => checkCreateAuthMethodRequestAnswer('newest', b),
    inUrgent,
  );
  const approveReleased = eachRuleRefused(
    'released AMR approve',
    RELEASED_APPROVE_AUTH_METHOD_RULES,
    amrApproved(),
    (b) => checkApproveAuthMethodRequestAnswer('released', b),
  );
  const approveNewest = eachRuleRefused(
    'newest AMR approve',
    NEWEST_APPROVE_AUTH_METHOD_RULES,
    amrApproved(),
    (b) => checkApproveAuthMethodRequestAnswer('newest', b),
  );

  it('refuse, in the released client, a resend answer without status (read by PersonData::resendSms)', () => {
    const answer = example(
      `POST ${PERSON}/authentication_method_requests/{request_id}/actions/resend_otp`,
      200,
    );
    delete answer.data.status;
    expect(checkResendAuthMethodRequestOtpAnswer('released', answer)).toEqual([
      'status: missing, read by PersonData::resendSms',
    ]);
    expect(checkResendAuthMethodRequestOtpAnswer('newest', answer)).toEqual([]);
  });

  it('leave no rule untested', () => {
    expect(
      [
        released,
        newest,
        details,
        phone,
        createReleased,
        createNewest,
        approveReleased,
        approveNewest,
      ].flatMap((p) => p.unbreakable),
    ).toEqual([]);
  });
});

describe("the client's checks of confidant relationships", () => {
  it("accept the registry's examples", () => {
    for (const version of ['released', 'newest'] as ClientVersion[]) {
      expect(checkCreateConfidantRequestAnswer(version, cprCreated())).toEqual([]);
      expect(checkConfidantRequestList(version, cprList())).toEqual([]);
      expect(checkRelationships(version, relationships())).toEqual([]);
      expect(checkSignConfidantRequestAnswer(version, cprSigned(), false)).toEqual([]);
    }
  });

  const created = (['released', 'newest'] as ClientVersion[]).map((v) =>
    eachRuleRefused(`${v} create`, confidantRequestRules(v, false), cprCreated(), (b) =>
      checkCreateConfidantRequestAnswer(v, b),
    ),
  );
  const listed = (['released', 'newest'] as ClientVersion[]).map((v) =>
    eachRuleRefused(`${v} list`, confidantRequestRules(v, true), cprList(), (b) =>
      checkConfidantRequestList(v, b),
    ),
  );
  const listedRelationships = eachRuleRefused(
    'newest relationships',
    NEWEST_RELATIONSHIPS_RULES,
    relationships(),
    (b) => checkRelationships('newest', b),
  );

  it('leave no rule untested', () => {
    expect([...created, ...listed, listedRelationships].flatMap((p) => p.unbreakable)).toEqual([]);
  });

  it('refuse CANCELED, the one-L status, where the client knows CANCELLED', () => {
    const answer = cprList();
    answer.data[0].status = 'CANCELED';
    expect(checkConfidantRequestList('newest', answer)).toEqual([
      '0.status: in:NEW,APPROVED,COMPLETED,CANCELLED,EXPIRED',
    ]);
  });

  it('let the newest client list a request without action, not the released one', () => {
    const answer = cprList();
    delete answer.data[0].action;
    expect(checkConfidantRequestList('newest', answer)).toEqual([]);
    expect(checkConfidantRequestList('released', answer)).toEqual(['0.action: required']);
  });

  it('refuse a create answer without urgent.documents', () => {
    const answer = cprCreated();
    delete answer.urgent.documents;
    expect(checkCreateConfidantRequestAnswer('released', answer)).toEqual([
      'documents: missing, read by PersonUpdate::createNewConfidantPersonRelationshipRequest',
    ]);
  });

  it.each([
    ['id', 'id: required'],
    ['action', 'action: required'],
    ['status', 'status: required'],
    ['channel', 'channel: required'],
  ])('refuse, in the newest client, a sign answer without %s', (key, failure) => {
    const answer = cprSigned();
    delete answer.data[key];
    expect(checkSignConfidantRequestAnswer('newest', answer, false)).toContain(failure);
  });

  it('refuse a sign answer that leaves out what its action needs', () => {
    const ended = cprSigned();
    delete ended.data.confidant_person_relationship;
    expect(checkSignConfidantRequestAnswer('newest', ended, false)).toEqual([
      'confidant_person_relationship: required_if:action,DEACTIVATE',
      'confidant_person_relationship.id: required_if:action,DEACTIVATE',
      'confidant_person_relationship.id: missing, read by signConfidantPersonRelationship',
    ]);
    const started = cprSigned();
    started.data.action = 'INSERT';
    delete started.data.confidant_person_id;
    delete started.data.documents_relationship[0].issued_by;
    expect(checkSignConfidantRequestAnswer('newest', started, true)).toEqual([
      'confidant_person_id: required_if:action,INSERT',
      'confidant_person_id: missing, read by ConfidantPersonRepository::createFromSignedResponse',
      'documents_relationship.0.issued_by: missing, read by ConfidantPersonRepository::createFromSignedResponse',
    ]);
    expect(checkSignConfidantRequestAnswer('released', started, true)).toEqual([
      'confidant_person_id: missing, read by ConfidantPersonRepository::createFromSignedResponse',
      'documents_relationship.0.issued_by: missing, read by ConfidantPersonRepository::createFromSignedResponse',
    ]);
  });

  it.each([
    ['id'],
    ['active_to'],
    ['documents_relationship'],
    ['confidant_person.person_id'],
    ['confidant_person.documents_person'],
  ])('refuse, in the released client, a relationship without %s', (key) => {
    const answer = relationships();
    const [head, tail] = key.split('.');
    if (tail === undefined) delete answer.data[0][head];
    else delete answer.data[0][head][tail];
    expect(checkRelationships('released', answer)).toContain(
      `0.${key}: missing, read by PersonUpdate::syncConfidantPersons`,
    );
  });
});
