import {
  OID,
  signerCommonName,
  signerDrfo,
  signerEdrpou,
  signerOf,
  taxIdOf,
  type CertificateAttribute,
} from '../../../src/signature/domain/signer.js';

const serialNumber = (value: string): CertificateAttribute => ({ type: OID.serialNumber, value });
const drfo = (value: string): CertificateAttribute => ({ type: OID.drfo, value });
const edrpou = (value: string): CertificateAttribute => ({ type: OID.edrpou, value });
const cn = (value: string): CertificateAttribute => ({ type: OID.commonName, value });

describe('the tax id of a subject value', () => {
  it.each<[string, string | null]>([
    ['TINUA-2222222225', '2222222225'],
    ['tinua-2222222225', '2222222225'],
    ['2222222225', '2222222225'],
    [' 2222 222 225 ', '2222222225'],
    ['TINUA-222222222', null],
    ['TINUA-22222222250', null],
    ['222222222', null],
    ['22222222250', null],
    ['TINPL-2222222225', null],
    ['PNOUA-2222222225', null],
    ['UA-2222222225', null],
    ['TINUA 2222222225', null],
    ['АБ123456', null],
    ['', null],
  ])('reads %p as %p', (value, expected) => {
    expect(taxIdOf(value)).toBe(expected);
  });
});

describe('the signer tax id (DRFO) of a certificate', () => {
  it.each<[string, CertificateAttribute[], string | null]>([
    ['a TINUA serialNumber', [serialNumber('TINUA-3999869394')], '3999869394'],
    ['a plain ten-digit serialNumber', [serialNumber('3999869394')], '3999869394'],
    ['the DRFO attribute', [drfo('3999869394')], '3999869394'],
    [
      'the DRFO attribute before a different serialNumber',
      [serialNumber('TINUA-2659719350'), drfo('3999869394')],
      '3999869394',
    ],
    [
      'the serialNumber when the DRFO attribute is not a tax id',
      [drfo('not a number'), serialNumber('TINUA-2659719350')],
      '2659719350',
    ],
    [
      'the first usable of several serialNumbers',
      [serialNumber('1234'), serialNumber('TINUA-2659719350'), serialNumber('3999869394')],
      '2659719350',
    ],
    ['nothing from a serialNumber of another form', [serialNumber('UA-01234567-2024')], null],
    ['nothing from a common name of ten digits', [cn('2222222225')], null],
    ['nothing from an EDRPOU', [edrpou('12345678')], null],
    ['nothing when there is no attribute', [], null],
  ])('takes %s', (_name, attributes, expected) => {
    expect(signerDrfo(attributes)).toBe(expected);
  });
});

describe('the signer EDRPOU of a certificate', () => {
  it.each<[string, CertificateAttribute[], string | null]>([
    ['eight digits', [edrpou('38782323')], '38782323'],
    ['eight digits with spaces', [edrpou(' 3878 2323 ')], '38782323'],
    [
      'the first of several usable',
      [edrpou('bad'), edrpou('12345678'), edrpou('87654321')],
      '12345678',
    ],
    ['nothing from seven digits', [edrpou('3878232')], null],
    ['nothing from ten digits', [edrpou('2222222225')], null],
    ['nothing from a DRFO', [drfo('38782323')], null],
    ['nothing when absent', [serialNumber('TINUA-2222222225')], null],
  ])('takes %s', (_name, attributes, expected) => {
    expect(signerEdrpou(attributes)).toBe(expected);
  });
});

describe('the signer common name', () => {
  it.each<[CertificateAttribute[], string | null]>([
    [[cn('Іван Тестовий')], 'Іван Тестовий'],
    [[cn('  '), cn(' Second ')], 'Second'],
    [[serialNumber('TINUA-2222222225')], null],
  ])('of %j is %p', (attributes, expected) => {
    expect(signerCommonName(attributes)).toBe(expected);
  });
});

describe('the signer of a certificate', () => {
  it('gathers the common name, tax id, EDRPOU and upper-case serial', () => {
    expect(
      signerOf(
        [cn('Development signer'), serialNumber('TINUA-2222222225'), edrpou('38782323')],
        '0a1b2c',
      ),
    ).toEqual({
      commonName: 'Development signer',
      drfo: '2222222225',
      edrpou: '38782323',
      serial: '0A1B2C',
    });
  });

  it('leaves out what the certificate does not carry', () => {
    expect(signerOf([], null)).toEqual({
      commonName: null,
      drfo: null,
      edrpou: null,
      serial: null,
    });
  });
});
