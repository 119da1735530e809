import { addDays } from './calendar.js';

/** What a tax id (RNOKPP) says against a person's data (docs/domain-rules.md, Tax id). */
export interface TaxIdCheck {
  readonly format: boolean;
  readonly checksum: boolean;
  readonly birthDate: boolean;
  readonly gender: boolean;
}

const WEIGHTS = [-1, 5, 7, 9, 4, 6, 10, 5, 7];

/** Control digit rule: (S rem 11) rem 10 with a truncating remainder, so a negative S never matches. */
export function taxIdChecksumValid(taxId: string): boolean {
  if (!/^[0-9]{10}$/.test(taxId) || taxId === '0000000000') return false;
  const digits = [...taxId].map(Number);
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * digits[i], 0);
  return (sum % 11) % 10 === digits[9];
}

/** 1899-12-31 plus the number formed by d1…d5, in days. */
export function taxIdBirthDate(taxId: string): string {
  return addDays('1899-12-31', Number(taxId.slice(0, 5)));
}

/** d9 odd = MALE, even = FEMALE. */
export function taxIdGender(taxId: string): 'MALE' | 'FEMALE' {
  return Number(taxId[8]) % 2 === 1 ? 'MALE' : 'FEMALE';
}

export function checkTaxId(taxId: string, birthDate: string, gender: string): TaxIdCheck {
  const format = /^[0-9]{10}$/.test(taxId);
  return {
    format,
    checksum: format && taxIdChecksumValid(taxId),
    birthDate: format && taxIdBirthDate(taxId) === birthDate,
    gender: format && taxIdGender(taxId) === gender,
  };
}

/** Valid = checksum, birth date and gender all agree (docs/domain-rules.md, Verification-status rules, rule 03). */
export function isTaxIdValid(taxId: string | null, birthDate: string, gender: string): boolean {
  if (taxId === null) return false;
  const check = checkTaxId(taxId, birthDate, gender);
  return check.checksum && check.birthDate && check.gender;
}
