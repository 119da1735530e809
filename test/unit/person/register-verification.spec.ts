import {
  notVerified,
  registerDetails,
  registerVerificationProblems,
  type RegisterVerification,
} from '../../../src/person/domain/register-verification.js';
import { VERIFICATION_REGISTERS as REGISTERS } from '../../support/registry/person-schemas.js';

describe('register verification details', () => {
  it('answers every register, in the registry order, not verified by default', () => {
    expect(registerDetails([])).toEqual(REGISTERS.map((r) => notVerified(r as never)));
    expect(notVerified('nhs')).toEqual({
      register: 'nhs',
      verificationStatus: 'NOT_VERIFIED',
      verificationReason: 'AUTO',
    });
  });

  it('answers a recorded result in its register, the others by default', () => {
    const unzr: RegisterVerification = {
      register: 'unzr',
      verificationStatus: 'VERIFIED',
      verificationReason: 'AUTO_ONLINE',
      status: 1,
    };
    const details = registerDetails([unzr]);
    expect(details.map((d) => d.register)).toEqual(REGISTERS);
    expect(details[8]).toBe(unzr);
    expect(details.slice(0, 8).every((d) => d.verificationStatus === 'NOT_VERIFIED')).toBe(true);
  });

  const base = { verificationStatus: 'VERIFIED', verificationReason: 'AUTO' } as const;
  it.each<[string, RegisterVerification, string[]]>([
    ['drfo with its result', { ...base, register: 'drfo', result: 12 }, []],
    ['nhs with its comment', { ...base, register: 'nhs', comment: 'Бракує даних' }, []],
    ['unzr with its status', { ...base, register: 'unzr', status: 0 }, []],
    ['legal_capacity bare', { ...base, register: 'legal_capacity' }, []],
    ['nulls for absent extras', { ...base, register: 'drfo', comment: null, status: null }, []],
    ['an unknown register', { ...base, register: 'mpi' as never }, ['unknown register mpi']],
    [
      'an unknown status',
      { ...base, register: 'drfo', verificationStatus: 'OK' as never },
      ['unknown verification status OK'],
    ],
    [
      'an unknown reason',
      { ...base, register: 'drfo', verificationReason: 'INITIAL' as never },
      ['unknown verification reason INITIAL'],
    ],
    [
      'an extra of another register',
      { ...base, register: 'drfo', status: 1 },
      ['drfo reports no status'],
    ],
    [
      'a result that is not an integer',
      { ...base, register: 'drfo', result: 1.5 },
      ['result of drfo must be an integer'],
    ],
    [
      'a comment that is not text',
      { ...base, register: 'nhs', comment: 5 as never },
      ['comment of nhs must be text'],
    ],
  ])('checks %s', (_name, result, problems) => {
    expect(registerVerificationProblems(result)).toEqual(problems);
  });
});
