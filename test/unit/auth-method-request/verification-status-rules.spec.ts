import { verificationStatusChange } from '../../../src/auth-method-request/domain/verification-status-rules.js';
import type { Person } from '../../../src/person/domain/person.js';

const objectContaining = (o: object): unknown => expect.objectContaining(o);

const TODAY = '2026-11-23';
type Subject = Pick<
  Person,
  'birthDate' | 'gender' | 'taxId' | 'noTaxId' | 'verificationStatus' | 'documents'
>;

const adult: Subject = {
  birthDate: '1972-10-26',
  gender: 'MALE',
  taxId: '2659719350',
  noTaxId: false,
  verificationStatus: 'VERIFICATION_NEEDED',
  documents: [{ type: 'PASSPORT', number: 'AA1', issuedAt: null, expirationDate: null }],
};
const child: Subject = {
  birthDate: '2015-03-01',
  gender: 'FEMALE',
  taxId: null,
  noTaxId: true,
  verificationStatus: 'VERIFICATION_NEEDED',
  documents: [
    { type: 'BIRTH_CERTIFICATE', number: 'I-AA 1', issuedAt: null, expirationDate: null },
  ],
};
const doc = (type: string) => ({ type, number: 'X1', issuedAt: null, expirationDate: null });

describe('verification-status rules', () => {
  it.each<[string, Subject, string, string | undefined, object | null]>([
    [
      'rule 01: insert OFFLINE',
      adult,
      'insert',
      'OFFLINE',
      { status: 'VERIFICATION_NEEDED', reason: 'AUTO', triggered: ['01'] },
    ],
    [
      'rule 01 also for a VERIFIED person',
      { ...adult, verificationStatus: 'VERIFIED' },
      'insert',
      'OFFLINE',
      { reason: 'AUTO' },
    ],
    [
      'OTP with nothing triggered: rules passed, comment cleared',
      adult,
      'insert',
      'OTP',
      { status: 'VERIFICATION_NEEDED', reason: 'RULES_PASSED', comment: null, triggered: [] },
    ],
    [
      'rule 02: adult with no tax id',
      { ...adult, noTaxId: true, taxId: null },
      'insert',
      'OTP',
      { reason: 'RULES_TRIGGERED', triggered: ['02'] },
    ],
    [
      'rule 03: checksum wrong',
      { ...adult, taxId: '2659719351' },
      'insert',
      'OTP',
      { reason: 'RULES_TRIGGERED', triggered: ['03'] },
    ],
    [
      'rule 03: wrong birth date',
      { ...adult, birthDate: '1972-10-25' },
      'insert',
      'OTP',
      { reason: 'RULES_TRIGGERED', triggered: ['03'] },
    ],
    [
      'rule 03: wrong gender',
      { ...adult, gender: 'FEMALE' },
      'insert',
      'OTP',
      { reason: 'RULES_TRIGGERED', triggered: ['03'] },
    ],
    [
      'rule 03: missing tax id with no_tax_id false',
      { ...adult, taxId: null },
      'insert',
      'OTP',
      { reason: 'RULES_TRIGGERED', triggered: ['03'] },
    ],
    [
      'rule 04: child with a foreign birth certificate',
      { ...child, documents: [doc('BIRTH_CERTIFICATE_FOREIGN')] },
      'insert',
      'OTP',
      { reason: 'RULES_TRIGGERED', triggered: ['04'] },
    ],
    [
      'rule 04 does not apply from no_self_auth_age',
      { ...adult, documents: [doc('BIRTH_CERTIFICATE_FOREIGN')] },
      'insert',
      'OTP',
      { reason: 'RULES_PASSED' },
    ],
    [
      'rule 05: adult with a permanent residence permit',
      { ...adult, documents: [doc('PERMANENT_RESIDENCE_PERMIT')] },
      'insert',
      'OTP',
      { reason: 'RULES_TRIGGERED', triggered: ['05'] },
    ],
    [
      'rule 05 does not apply to a child',
      { ...child, documents: [doc('PERMANENT_RESIDENCE_PERMIT')] },
      'insert',
      'OTP',
      { reason: 'RULES_PASSED' },
    ],
    [
      'rule 02 does not apply to a child without a tax id',
      child,
      'insert',
      'OTP',
      { reason: 'RULES_PASSED' },
    ],
    [
      'several rules at once',
      { ...adult, noTaxId: true, taxId: null, documents: [doc('PERMANENT_RESIDENCE_PERMIT')] },
      'insert',
      'OTP',
      { triggered: ['02', '05'] },
    ],
    [
      'a person turning 14 today is judged as grown up',
      { ...child, birthDate: '2012-11-23' },
      'insert',
      'OTP',
      { triggered: ['02'] },
    ],
    [
      'a person turning 14 tomorrow is still a child',
      { ...child, birthDate: '2012-11-24' },
      'insert',
      'OTP',
      { reason: 'RULES_PASSED' },
    ],
    [
      'OTP for an already VERIFIED person: no change',
      { ...adult, verificationStatus: 'VERIFIED', noTaxId: true },
      'insert',
      'OTP',
      null,
    ],
    ['THIRD_PERSON: no change', adult, 'insert', 'THIRD_PERSON', null],
    ['update: no change', adult, 'update', undefined, null],
    ['deactivate: no change', adult, 'deactivate', undefined, null],
  ])('%s', (_name, person, action, type, expected) => {
    const outcome = verificationStatusChange(action as 'insert', type, person, TODAY, 14);
    expect(outcome).toEqual(expected === null ? null : objectContaining(expected));
  });

  it('leaves the comment alone when rules fire', () => {
    const outcome = verificationStatusChange(
      'insert',
      'OTP',
      { ...adult, noTaxId: true },
      TODAY,
      14,
    );
    expect(outcome).not.toHaveProperty('comment');
  });
});
