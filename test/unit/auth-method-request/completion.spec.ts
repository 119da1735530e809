import {
  authMethodRequestLifecycle,
  type AuthMethodRequest,
} from '../../../src/auth-method-request/domain/auth-method-request.js';
import { completeAuthMethodRequest } from '../../../src/auth-method-request/domain/completion.js';
import type { Person } from '../../../src/person/domain/person.js';
import { aMethod, anAuthMethodRequest, USER_ID } from '../../support/mothers.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const TODAY = '2026-11-23';
const NEW_ID = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const THIRD = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const PERSON_ID = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const EVENT_ID = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const policy = { noSelfAuthAge: 14, thirdPersonTermYears: 2 };
const road = authMethodRequestLifecycle(24);

const otp = aMethod({ type: 'OTP' });
const offline = aMethod({ type: 'OFFLINE' });
const na = aMethod({ type: 'NA' });
const viaThird = aMethod({ type: 'THIRD_PERSON', value: THIRD });
const ended = aMethod({ type: 'OTP', endedAt: new Date('2026-01-01T00:00:00Z') });

function person(birthDate: string, methods = [otp, offline, na, viaThird, ended]): Person {
  return {
    id: PERSON_ID,
    firstName: 'A',
    lastName: 'B',
    secondName: null,
    names: [{ language: 'uk', firstName: 'A', lastName: 'B', secondName: null }],
    birthDate,
    birthCountry: null,
    birthSettlement: null,
    gender: 'MALE',
    taxId: null,
    noTaxId: true,
    status: 'active',
    verificationStatus: 'VERIFICATION_NEEDED',
    verificationReason: 'INITIAL',
    verificationComment: 'old',
    documents: [],
    phones: [],
    authenticationMethods: methods,
    insertedBy: null,
    updatedBy: null,
    insertedAt: NOW,
    updatedAt: NOW,
  };
}

/**
 * What completing the request decides (the method changes, with the verification status as
 * `verification`), on the person as given.
 */
function planApproval(
  parts: Pick<AuthMethodRequest, 'action' | 'authenticationMethod'>,
  subject: Person,
  now: Date,
  today: string,
  termPolicy: typeof policy,
  newMethodId: string,
) {
  expect(today).toBe(TODAY);
  const done = completeAuthMethodRequest(
    road,
    anAuthMethodRequest({ personId: PERSON_ID, ...parts }),
    subject,
    {
      stamp: { by: USER_ID, at: now },
      policy: termPolicy,
      newMethodId,
      eventId: EVENT_ID,
    },
  );
  return { ...done.methods, verification: done.verificationStatus };
}

describe('completing a request', () => {
  it('stamps it COMPLETED by the acting user, and records the event of a status change', () => {
    const request = anAuthMethodRequest({
      personId: PERSON_ID,
      action: 'insert',
      authenticationMethod: { type: 'OFFLINE' },
    });

    const done = completeAuthMethodRequest(road, request, person('1990-01-01'), {
      stamp: { by: USER_ID, at: NOW },
      policy,
      newMethodId: NEW_ID,
      eventId: EVENT_ID,
    });

    expect(done.request).toEqual({
      ...request,
      status: 'COMPLETED',
      updatedBy: USER_ID,
      updatedAt: NOW,
    });
    expect(done.events).toEqual([
      {
        id: EVENT_ID,
        eventType: 'StateChangeEvent',
        entityType: 'Person',
        entityId: PERSON_ID,
        properties: { verification_status: { new_value: 'VERIFICATION_NEEDED' } },
        eventTime: NOW,
        changedBy: USER_ID,
      },
    ]);
  });

  it.each(['COMPLETED', 'CANCELED', 'EXPIRED'] as const)(
    'refuses a %s request with 409 Invalid transition',
    (status) => {
      expect(() =>
        completeAuthMethodRequest(
          road,
          anAuthMethodRequest({ personId: PERSON_ID, status }),
          person('1990-01-01'),
          {
            stamp: { by: USER_ID, at: NOW },
            policy,
            newMethodId: NEW_ID,
            eventId: EVENT_ID,
          },
        ),
      ).toThrow(expect.objectContaining({ code: 'conflict', message: 'Invalid transition' }));
    },
  );

  it('records no event when the status does not change', () => {
    const done = completeAuthMethodRequest(
      road,
      anAuthMethodRequest({
        personId: PERSON_ID,
        action: 'update',
        authenticationMethod: { id: otp.id, alias: 'x' },
      }),
      person('1990-01-01'),
      { stamp: { by: USER_ID, at: NOW }, policy, newMethodId: NEW_ID, eventId: EVENT_ID },
    );
    expect(done.events).toEqual([]);
  });
});

describe('effects of an approve on the methods', () => {
  it('insert OTP ends every active own method and adds the new one now', () => {
    const plan = planApproval(
      {
        action: 'insert',
        authenticationMethod: { type: 'OTP', phoneNumber: '+380631234567', alias: 'mine' },
      },
      person('1990-01-01'),
      NOW,
      TODAY,
      policy,
      NEW_ID,
    );
    expect(new Set(plan.endMethodIds)).toEqual(new Set([otp.id, offline.id, na.id]));
    expect(plan.addMethod).toMatchObject({
      id: NEW_ID,
      type: 'OTP',
      phoneNumber: '+380631234567',
      alias: 'mine',
      startedAt: NOW,
      endedAt: null,
    });
    expect(plan.verification).toMatchObject({ reason: 'RULES_TRIGGERED' });
  });

  it('insert OFFLINE ends own methods, keeps THIRD_PERSON and applies rule 01', () => {
    const plan = planApproval(
      { action: 'insert', authenticationMethod: { type: 'OFFLINE' } },
      person('1990-01-01'),
      NOW,
      TODAY,
      policy,
      NEW_ID,
    );
    expect(plan.endMethodIds).not.toContain(viaThird.id);
    expect(plan.addMethod).toMatchObject({ type: 'OFFLINE', phoneNumber: null, alias: null });
    expect(plan.verification).toMatchObject({ reason: 'AUTO' });
  });

  it.each([
    ['a minor', '2015-06-10', '2029-06-09', '2029-06-09T21:00:00.000Z'],
    ['an adult', '1990-01-01', '2028-11-23', '2028-11-23T22:00:00.000Z'],
  ])(
    'insert THIRD_PERSON for %s starts today and ends after the end date',
    (_n, birth, _endDate, endedAt) => {
      const plan = planApproval(
        {
          action: 'insert',
          authenticationMethod: { type: 'THIRD_PERSON', value: THIRD, alias: 'Mum' },
        },
        person(birth),
        NOW,
        TODAY,
        policy,
        NEW_ID,
      );
      expect(plan.endMethodIds).toEqual([]);
      expect(plan.addMethod).toMatchObject({ type: 'THIRD_PERSON', value: THIRD, alias: 'Mum' });
      expect(plan.addMethod!.startedAt.toISOString()).toBe('2026-11-22T22:00:00.000Z');
      expect(plan.addMethod!.endedAt!.toISOString()).toBe(endedAt);
      expect(plan.verification).toBeNull();
    },
  );

  it('update renames the method and nothing else', () => {
    const plan = planApproval(
      { action: 'update', authenticationMethod: { id: otp.id, alias: 'work' } },
      person('1990-01-01'),
      NOW,
      TODAY,
      policy,
      NEW_ID,
    );
    expect(plan).toEqual({
      endMethodIds: [],
      addMethod: null,
      rename: { methodId: otp.id, alias: 'work' },
      verification: null,
    });
  });

  it('deactivate ends the method now', () => {
    const plan = planApproval(
      { action: 'deactivate', authenticationMethod: { id: viaThird.id } },
      person('1990-01-01'),
      NOW,
      TODAY,
      policy,
      NEW_ID,
    );
    expect(plan).toEqual({
      endMethodIds: [viaThird.id],
      addMethod: null,
      rename: null,
      verification: null,
    });
  });
});
