import {
  authMethodRequestLifecycle,
  documentsToScan,
  type AmrStatus,
} from '../../../src/auth-method-request/domain/auth-method-request.js';
import {
  can,
  effectiveStatus,
  expiryCutoff,
} from '../../../src/request-lifecycle/domain/lifecycle.js';

describe('the documents an approve needs scans of', () => {
  const OWN = ['PASSPORT', 'NATIONAL_ID'];
  const THIRD = ['PASSPORT', 'BIRTH_CERTIFICATE'];

  it.each([
    ['none for an OTP person inserting OTP', 'OTP', 'insert', 'OTP', [], []],
    ['the person’s own for an OTP person inserting OFFLINE', 'OTP', 'insert', 'OFFLINE', [], OWN],
    ['the person’s own for an NA person inserting OFFLINE', 'NA', 'insert', 'OFFLINE', [], OWN],
    ['the confirmer’s for an OFFLINE person inserting OTP', 'OFFLINE', 'insert', 'OTP', OWN, OWN],
    [
      'the third person’s when THIRD_PERSON resolves to OFFLINE',
      'OFFLINE',
      'update',
      undefined,
      THIRD,
      THIRD,
    ],
    [
      'both, each type once, when a third person’s OFFLINE meets an insert of OFFLINE',
      'OFFLINE',
      'insert',
      'OFFLINE',
      THIRD,
      ['PASSPORT', 'BIRTH_CERTIFICATE', 'NATIONAL_ID'],
    ],
    ['none for a deactivate by an OTP person', 'OTP', 'deactivate', undefined, [], []],
  ] as const)('%s', (_name, verifiedBy, action, type, authenticator, expected) => {
    expect(
      documentsToScan({
        current: { verifiedBy },
        confirmerDocumentTypes: authenticator,
        action,
        method: { type },
        ownDocumentTypes: OWN,
      }),
    ).toEqual(expected);
  });
});

describe('the expiry of a NEW request (AUTH_METHOD_REQUEST_TTL_HOURS)', () => {
  const NOW = new Date('2026-11-30T12:00:00.000Z');
  const road = authMethodRequestLifecycle(24);
  const at = (iso: string) => new Date(iso);

  it.each<[string, AmrStatus, Date, AmrStatus]>([
    [
      'is NEW a millisecond before its TTL is reached',
      'NEW',
      at('2026-11-29T12:00:00.001Z'),
      'NEW',
    ],
    ['is EXPIRED exactly at its TTL', 'NEW', at('2026-11-29T12:00:00.000Z'), 'EXPIRED'],
    ['is EXPIRED long after', 'NEW', at('2026-01-01T00:00:00.000Z'), 'EXPIRED'],
    ['keeps COMPLETED whatever its age', 'COMPLETED', at('2026-01-01T00:00:00.000Z'), 'COMPLETED'],
    ['keeps CANCELED whatever its age', 'CANCELED', at('2026-01-01T00:00:00.000Z'), 'CANCELED'],
  ])('%s', (_name, status, insertedAt, expected) => {
    expect(effectiveStatus(road, { status, insertedAt }, NOW)).toBe(expected);
  });

  it('counts the TTL in hours back from now', () => {
    expect(expiryCutoff(authMethodRequestLifecycle(1), NOW)).toEqual(
      at('2026-11-30T11:00:00.000Z'),
    );
  });
});

describe('transitions', () => {
  it.each<[AmrStatus, boolean]>([
    ['NEW', true],
    ['COMPLETED', false],
    ['CANCELED', false],
    ['EXPIRED', false],
  ])('from %s: complete %s', (status, allowed) => {
    expect(can(authMethodRequestLifecycle(24), { status }, 'complete')).toBe(allowed);
  });
});
