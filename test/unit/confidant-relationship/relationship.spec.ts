import {
  confidantRequestData,
  confidantRequestLifecycle,
  confidantSlots,
} from '../../../src/confidant-relationship/domain/confidant-request.js';
import {
  holdsOn,
  relationshipEnd,
} from '../../../src/confidant-relationship/domain/relationship.js';
import { presentConfidantCurrentMethod } from '../../../src/confidant-relationship/adapters/http/confidant.presenter.js';
import { maskName, maskTail } from '../../../src/kernel/domain/masks.js';
import { effectiveStatus } from '../../../src/request-lifecycle/domain/lifecycle.js';

const POLICY = { noSelfAuthAge: 14, thirdPersonTermYears: 2 };
const doc = (activeTo: string | null) => ({
  type: 'BIRTH_CERTIFICATE',
  number: '1',
  issuedBy: 'x',
  issuedAt: '2017-01-01',
  activeTo,
});

describe('the last day of a new relationship', () => {
  it.each([
    [
      'the earliest active_to of its documents',
      [doc('2031-01-01'), doc(null), doc('2030-05-05')],
      '1980-01-01',
      '2030-05-05',
    ],
    ['a child’s: the day before NO_SELF_AUTH_AGE', [doc(null)], '2018-05-05', '2032-05-04'],
    ['an adult’s: THIRD_PERSON_TERM_YEARS from today', [], '1940-01-01', '2028-11-23'],
  ])('%s', (_name, documents, birthDate, end) => {
    expect(relationshipEnd(documents, birthDate, '2026-11-23', POLICY)).toBe(end);
  });

  it.each([
    [true, '2026-11-23', true],
    [true, '2026-11-22', false],
    [false, '2030-01-01', false],
  ])('active %s until %s holds today: %s', (isActive, activeTo, holds) => {
    expect(holdsOn({ isActive, activeTo }, '2026-11-23')).toBe(holds);
  });
});

describe('a confidant request’s road', () => {
  const lifecycle = confidantRequestLifecycle(24);
  const created = new Date('2026-11-22T10:00:00.000Z');
  it.each([
    ['NEW', '2026-11-23T09:59:59.999Z', 'NEW'],
    ['NEW', '2026-11-23T10:00:00.000Z', 'EXPIRED'],
    ['APPROVED', '2026-11-23T10:00:00.000Z', 'EXPIRED'],
    ['COMPLETED', '2027-01-01T00:00:00.000Z', 'COMPLETED'],
    ['CANCELED', '2027-01-01T00:00:00.000Z', 'CANCELED'],
  ] as const)('%s at %s reads %s', (status, now, reads) => {
    expect(effectiveStatus(lifecycle, { status, insertedAt: created }, new Date(now))).toBe(reads);
  });
});

describe('the scans a confidant request needs', () => {
  const id = 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b';
  const key = (name: string) => `confidant_person_relationship_requests/${id}/${name}.jpeg`;
  it.each([
    [
      'OTP: the relationship documents only, by position',
      'OTP',
      [
        { type: 'BIRTH_CERTIFICATE', key: key('documents_relationship_0') },
        { type: 'BIRTH_CERTIFICATE', key: key('documents_relationship_1') },
      ],
    ],
    [
      'OFFLINE: and the confirmer’s documents, by type',
      'OFFLINE',
      [
        { type: 'BIRTH_CERTIFICATE', key: key('documents_relationship_0') },
        { type: 'BIRTH_CERTIFICATE', key: key('documents_relationship_1') },
        { type: 'PASSPORT', key: key('PASSPORT') },
      ],
    ],
  ] as const)('%s', (_name, verifiedBy, slots) => {
    expect(
      confidantSlots(id, ['BIRTH_CERTIFICATE', 'BIRTH_CERTIFICATE'], { verifiedBy }, [
        'PASSPORT',
        'PASSPORT',
      ]),
    ).toEqual(slots);
  });
});

describe('what the wire shows', () => {
  it.each([
    [{ firstName: 'Андрій', lastName: 'Петров', secondName: 'Андрійович' }, 'Петров А.А.'],
    [{ firstName: 'Тарас', lastName: 'Шевченко', secondName: null }, 'Шевченко Т.'],
  ])('masks a name %j as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it.each([
    ['2659719350', '********50'],
    ['АА120518', '******18'],
    ['12', '**'],
  ])('masks %s as %s', (value, masked) => {
    expect(maskTail(value)).toBe(masked);
  });

  it('shows the current method as one object, the third person’s phone masked', () => {
    expect(
      presentConfidantCurrentMethod({
        type: 'THIRD_PERSON',
        verifiedBy: 'OTP',
        phoneNumber: '+380671234567',
        thirdPersonId: 'x',
      }),
    ).toEqual({ type: 'THIRD_PERSON', phone_number: '+38067*****67' });
    expect(presentConfidantCurrentMethod({ type: 'OFFLINE', verifiedBy: 'OFFLINE' })).toEqual({
      type: 'OFFLINE',
    });
    expect(presentConfidantCurrentMethod({ type: 'NA', verifiedBy: 'NA' })).toEqual({
      type: 'OFFLINE',
    });
  });

  it('leaves authorize_with and the relationship out of an INSERT’s data', () => {
    const data = confidantRequestData({
      id: 'r',
      status: 'NEW',
      channel: 'MIS',
      action: 'INSERT',
      personId: 'p',
      clientId: 'c',
      confidantPersonId: 'cp',
      documentsRelationship: [doc(null)],
      relationship: null,
      authorizeWith: null,
      authenticationMethodCurrent: { type: 'NA', verifiedBy: 'NA' },
      documents: [],
      signedContentAttemptKey: null,
      insertedBy: null,
      updatedBy: null,
      insertedAt: new Date(),
      updatedAt: new Date(),
    });
    expect(data).toEqual({
      id: 'r',
      status: 'NEW',
      action: 'INSERT',
      channel: 'MIS',
      confidant_person_id: 'cp',
      documents_relationship: [
        { type: 'BIRTH_CERTIFICATE', number: '1', issued_by: 'x', issued_at: '2017-01-01' },
      ],
    });
  });
});
