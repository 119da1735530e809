import type { CurrentMethod } from '../../../src/person/domain/current-method.js';
import {
  canApprove,
  canReject,
  canSign,
  displayStatus,
  effectiveStatus,
  personRequestCutoff,
  PR_STATUSES,
  resendRejection,
  type PrStatus,
} from '../../../src/person-request/domain/person-request.js';
import { ERRORS } from '../../../src/kernel/domain/error-catalogue.js';
import type { ErrorSpec } from '../../../src/kernel/domain/errors.js';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const TTL_DAYS = 30;
/** Created exactly TTL_DAYS before NOW. */
const BOUNDARY = new Date('2026-10-24T10:00:00.000Z');
const at = (ms: number): Date => new Date(BOUNDARY.getTime() + ms);

describe('expiry of a NEW person request at its TTL', () => {
  it('puts the cutoff the TTL in days before now', () => {
    expect(personRequestCutoff(NOW, TTL_DAYS)).toEqual(BOUNDARY);
    expect(personRequestCutoff(NOW, 1)).toEqual(new Date('2026-11-22T10:00:00.000Z'));
  });

  it.each<[string, Date, PrStatus]>([
    ['a day before the boundary', at(-86_400_000), 'EXPIRED'],
    ['a millisecond before the boundary', at(-1), 'EXPIRED'],
    ['exactly at the boundary', at(0), 'EXPIRED'],
    ['a millisecond after the boundary', at(1), 'NEW'],
    ['just now', NOW, 'NEW'],
  ])('reads a NEW request created %s as %s', (_n, insertedAt, expected) => {
    const cutoff = personRequestCutoff(NOW, TTL_DAYS);
    expect(effectiveStatus({ status: 'NEW', insertedAt }, cutoff)).toBe(expected);
  });

  it.each(PR_STATUSES.filter((s) => s !== 'NEW'))(
    'leaves a %s request as stored, however old',
    (status) => {
      const cutoff = personRequestCutoff(NOW, TTL_DAYS);
      expect(effectiveStatus({ status, insertedAt: at(-365 * 86_400_000) }, cutoff)).toBe(status);
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
    expect([canApprove(status), canSign(status), canReject(status)]).toEqual([
      approve,
      sign,
      reject,
    ]);
  });
});

describe('resend of a code', () => {
  const otp: CurrentMethod = { type: 'OTP', verifiedBy: 'OTP', phoneNumber: '+380971234567' };
  const viaMumOtp: CurrentMethod = {
    type: 'THIRD_PERSON',
    verifiedBy: 'OTP',
    thirdPersonId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
    phoneNumber: '+380501112233',
  };
  const offline: CurrentMethod = { type: 'OFFLINE', verifiedBy: 'OFFLINE' };
  const viaDadOffline: CurrentMethod = {
    type: 'THIRD_PERSON',
    verifiedBy: 'OFFLINE',
    thirdPersonId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  };
  const otpWithoutPhone: CurrentMethod = { type: 'OTP', verifiedBy: 'OTP' };
  const na: CurrentMethod = { type: 'NA', verifiedBy: 'NA' };

  it.each<[string, CurrentMethod]>([
    ['verified by OTP', otp],
    ["verified by a third person's OTP", viaMumOtp],
  ])('allows a new code for a NEW request %s', (_n, current) => {
    expect(resendRejection('NEW', current)).toBeNull();
  });

  it.each<[string, PrStatus, CurrentMethod, ErrorSpec]>([
    ['a NEW request verified by OFFLINE', 'NEW', offline, ERRORS.authMethodNotOtp],
    [
      "a NEW request verified by a third person's OFFLINE",
      'NEW',
      viaDadOffline,
      ERRORS.authMethodNotOtp,
    ],
    ['a NEW request whose OTP has no phone', 'NEW', otpWithoutPhone, ERRORS.authMethodNotOtp],
    ['a NEW request with method NA', 'NEW', na, ERRORS.authMethodNotOtp],
    ...PR_STATUSES.filter((s) => s !== 'NEW').map(
      (s): [string, PrStatus, CurrentMethod, ErrorSpec] => [
        `a request in status ${s}, whatever its method`,
        s,
        na,
        ERRORS.personRequestNotNew,
      ],
    ),
  ])('refuses a new code for %s', (_n, status, current, expected) => {
    expect(resendRejection(status, current)).toEqual(expected);
  });
});
