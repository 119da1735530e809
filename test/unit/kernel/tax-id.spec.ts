import { checkTaxId, isTaxIdValid, taxIdChecksumValid } from '../../../src/kernel/domain/tax-id.js';

describe('tax id', () => {
  it.each([
    ['3999869394', '2009-07-05', 'MALE', true],
    ['2659719350', '1972-10-26', 'MALE', true],
    ['2659719350', '1972-10-27', 'MALE', false],
    ['2659719350', '1972-10-26', 'FEMALE', false],
    ['3999869394', '2009-07-04', 'MALE', false],
    ['3126509816', '1985-08-07', 'MALE', false],
  ])('%s for %s %s is valid: %p', (taxId, birthDate, gender, valid) => {
    expect(isTaxIdValid(taxId, birthDate, gender)).toBe(valid);
  });

  it.each([
    ['3999869394', true],
    ['2659719350', true],
    ['2222222225', true],
    ['1111111118', true],
    ['3126509816', false],
    ['0000000000', false],
    ['123456789', false],
    ['12345678901', false],
    ['12345abcde', false],
  ])('checksum of %p passes: %p', (taxId, valid) => {
    expect(taxIdChecksumValid(taxId)).toBe(valid);
  });

  it('tells which part disagrees', () => {
    expect(checkTaxId('2659719350', '1972-10-27', 'FEMALE')).toEqual({
      format: true,
      checksum: true,
      birthDate: false,
      gender: false,
    });
  });

  it('treats a missing tax id as invalid', () => {
    expect(isTaxIdValid(null, '1972-10-26', 'MALE')).toBe(false);
  });
});
