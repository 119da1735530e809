import { isActive, visibleMethods } from '../../../src/person/domain/authentication-methods.js';
import { currentMethod } from '../../../src/request-lifecycle/domain/current-method.js';
import type { AuthMethod } from '../../../src/person/domain/person.js';
import { aMethod } from '../../support/mothers.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const PAST = new Date('2026-11-01T00:00:00Z');
const FUTURE = new Date('2027-01-01T00:00:00Z');
const MUM = '11111111-1111-4111-8111-111111111111';
const DAD = '22222222-2222-4222-8222-222222222222';

const mumOtp = aMethod({ type: 'OTP', phoneNumber: '+380501112233' });
const dadOffline = aMethod({ type: 'OFFLINE' });
const third = new Map<string, readonly AuthMethod[]>([
  [MUM, [mumOtp]],
  [DAD, [dadOffline]],
]);

describe('the current authentication method', () => {
  const otp = aMethod({ type: 'OTP', phoneNumber: '+380971234567' });
  const offline = aMethod({ type: 'OFFLINE' });
  const viaDad = aMethod({ type: 'THIRD_PERSON', value: DAD, alias: 'Dad' });
  const viaMum = aMethod({ type: 'THIRD_PERSON', value: MUM, alias: 'Mum' });
  const na = aMethod({ type: 'NA' });

  it.each<[string, AuthMethod[], object]>([
    [
      'OTP wins over everything',
      [viaMum, offline, otp],
      { type: 'OTP', phoneNumber: '+380971234567' },
    ],
    [
      'OFFLINE wins over THIRD_PERSON',
      [viaMum, offline],
      { type: 'OFFLINE', verifiedBy: 'OFFLINE' },
    ],
    [
      'a third person with OTP wins over an earlier one with OFFLINE',
      [viaDad, viaMum],
      { type: 'THIRD_PERSON', verifiedBy: 'OTP', thirdPersonId: MUM, phoneNumber: '+380501112233' },
    ],
    [
      'a third person with OFFLINE when none has OTP',
      [viaDad],
      { type: 'THIRD_PERSON', verifiedBy: 'OFFLINE', thirdPersonId: DAD },
    ],
    ['NA when only NA is left', [na], { type: 'NA', verifiedBy: 'NA' }],
    ['NA when there are no methods', [], { type: 'NA', verifiedBy: 'NA' }],
    ['an ended OTP does not count', [{ ...otp, endedAt: PAST }, offline], { type: 'OFFLINE' }],
    [
      'an OTP ending in the future still counts',
      [{ ...otp, endedAt: FUTURE }, offline],
      { type: 'OTP' },
    ],
    [
      'an ended THIRD_PERSON does not count',
      [{ ...viaMum, endedAt: PAST }, viaDad],
      { type: 'THIRD_PERSON', thirdPersonId: DAD },
    ],
  ])('%s', (_name, methods, expected) => {
    expect(currentMethod(methods, NOW, third)).toMatchObject(expected);
  });

  it('takes the earliest-added of two THIRD_PERSON methods whose people both have OTP', () => {
    const aunt = '33333333-3333-4333-8333-333333333333';
    const first = aMethod({ type: 'THIRD_PERSON', value: aunt });
    const second = aMethod({ type: 'THIRD_PERSON', value: MUM });
    const withAunt = new Map(third).set(aunt, [
      aMethod({ type: 'OTP', phoneNumber: '+380671234500' }),
    ]);
    expect(currentMethod([second, first], NOW, withAunt)).toMatchObject({ thirdPersonId: aunt });
  });

  it('skips a third person who has no active method', () => {
    const gone = '44444444-4444-4444-8444-444444444444';
    const methods = [aMethod({ type: 'THIRD_PERSON', value: gone })];
    const map = new Map(third).set(gone, [aMethod({ type: 'OTP', endedAt: PAST })]);
    expect(currentMethod(methods, NOW, map)).toEqual({ type: 'NA', verifiedBy: 'NA' });
  });
});

describe('active and visible methods', () => {
  it.each([
    [null, true],
    [PAST, false],
    [NOW, false],
    [FUTURE, true],
  ])('a method ending at %p is active: %p', (endedAt, expected) => {
    expect(isActive({ endedAt }, NOW)).toBe(expected);
  });

  it('hides NA, ended methods and third persons without an active method', () => {
    const orphan = '55555555-5555-4555-8555-555555555555';
    const keep = [aMethod({ type: 'OTP' }), aMethod({ type: 'THIRD_PERSON', value: MUM })];
    const hidden = [
      aMethod({ type: 'NA' }),
      aMethod({ type: 'OFFLINE', endedAt: PAST }),
      aMethod({ type: 'THIRD_PERSON', value: orphan }),
    ];
    expect(visibleMethods([...hidden, ...keep], NOW, third).map((m) => m.id)).toEqual(
      keep.map((m) => m.id),
    );
  });
});
