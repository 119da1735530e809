import {
  displayStatus,
  personRequestLifecycle,
  PR_STATUSES,
  type PrStatus,
} from '../../../src/person-request/domain/person-request.js';
import {
  can,
  effectiveStatus,
  expiryCutoff,
} from '../../../src/request-lifecycle/domain/lifecycle.js';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const TTL_DAYS = 30;
/** Created exactly TTL_DAYS before NOW. */
const BOUNDARY = new Date('2026-10-24T10:00:00.000Z');
const at = (ms: number): Date => new Date(BOUNDARY.getTime() + ms);
const road = personRequestLifecycle(TTL_DAYS);

describe('expiry of a NEW person request at its TTL', () => {
  it('puts the cutoff the TTL in days before now', () => {
    expect(expiryCutoff(road, NOW)).toEqual(BOUNDARY);
    expect(expiryCutoff(personRequestLifecycle(1), NOW)).toEqual(
      new Date('2026-11-22T10:00:00.000Z'),
    );
  });

  it.each<[string, Date, PrStatus]>([
    ['a day before the boundary', at(-86_400_000), 'EXPIRED'],
    ['a millisecond before the boundary', at(-1), 'EXPIRED'],
    ['exactly at the boundary', at(0), 'EXPIRED'],
    ['a millisecond after the boundary', at(1), 'NEW'],
    ['just now', NOW, 'NEW'],
  ])('reads a NEW request created %s as %s', (_n, insertedAt, expected) => {
    expect(effectiveStatus(road, { status: 'NEW', insertedAt }, NOW)).toBe(expected);
  });

  it.each(PR_STATUSES.filter((s) => s !== 'NEW'))(
    'leaves a %s request as stored, however old',
    (status) => {
      expect(effectiveStatus(road, { status, insertedAt: at(-365 * 86_400_000) }, NOW)).toBe(
        status,
      );
    },
  );
});

describe('statuses as clients see them', () => {
  it.each<[PrStatus, string]>([
    ['NEW', 'NEW'],
    ['APPROVED', 'APPROVED'],
    ['SIGNED', 'SIGNED'],
    ['REJECTED', 'REJECTED'],
    ['CANCELLED', 'CANCELLED'],
    ['EXPIRED', 'CANCELLED'],
  ])('shows %s as %s', (status, shown) => {
    expect(displayStatus(status)).toBe(shown);
  });
});

describe('transitions', () => {
  it.each<[PrStatus, boolean, boolean, boolean]>([
    // status, approve, sign, reject
    ['NEW', true, false, true],
    ['APPROVED', false, true, true],
    ['SIGNED', false, false, false],
    ['REJECTED', false, false, false],
    ['CANCELLED', false, false, false],
    ['EXPIRED', false, false, false],
  ])('from %s: approve %s, sign %s, reject %s', (status, approve, sign, reject) => {
    expect([
      can(road, { status }, 'approve'),
      can(road, { status }, 'sign'),
      can(road, { status }, 'reject'),
    ]).toEqual([approve, sign, reject]);
  });
});
