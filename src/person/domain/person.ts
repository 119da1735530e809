/** The MPI part this service keeps (docs/api.md, Persons). Plain data, no framework. */

export const AUTH_METHOD_TYPES = ['OTP', 'OFFLINE', 'THIRD_PERSON', 'NA'] as const;
export type AuthMethodType = (typeof AUTH_METHOD_TYPES)[number];

export const GENDERS = ['MALE', 'FEMALE'] as const;
export type Gender = (typeof GENDERS)[number];

export const PERSON_STATUSES = ['active', 'inactive'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** docs/domain-rules.md, Verification values. */
export const VERIFICATION_STATUSES = [
  'VERIFICATION_NEEDED',
  'IN_REVIEW',
  'VERIFIED',
  'NOT_VERIFIED',
  'CHANGES_NEEDED',
  'VERIFICATION_NOT_NEEDED',
] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const VERIFICATION_REASONS = [
  'INITIAL',
  'AUTO',
  'RULES_TRIGGERED',
  'RULES_PASSED',
  'MANUAL',
] as const;
export type VerificationReason = (typeof VERIFICATION_REASONS)[number];

/** docs/domain-rules.md, Formats. */
export const DOCUMENT_TYPES = [
  'PASSPORT',
  'NATIONAL_ID',
  'TEMPORARY_PASSPORT',
  'BIRTH_CERTIFICATE',
  'BIRTH_CERTIFICATE_FOREIGN',
  'TEMPORARY_CERTIFICATE',
  'PERMANENT_RESIDENCE_PERMIT',
  'REFUGEE_CERTIFICATE',
  'COMPLEMENTARY_PROTECTION_CERTIFICATE',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * A person's name in one language (the registry's `names[]`); `lastName`/`secondName` null when
 * the person has none.
 */
export interface PersonName {
  readonly language: string;
  readonly firstName: string;
  readonly lastName: string | null;
  readonly secondName: string | null;
}

/** The registry's PHONE_TYPE dictionary. */
export const PHONE_TYPES = ['MOBILE', 'LAND_LINE'] as const;

/** A phone of the person's contact data (not an authentication method); `type` as sent. */
export interface PersonPhone {
  readonly type: string | null;
  readonly number: string;
}

export interface PersonDocument {
  readonly type: string;
  readonly number: string;
  readonly issuedAt: string | null;
  readonly expirationDate: string | null;
}

export interface AuthMethod {
  readonly id: string;
  readonly type: AuthMethodType;
  readonly phoneNumber: string | null;
  /** THIRD_PERSON: the third person's id. */
  readonly value: string | null;
  readonly alias: string | null;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  /** Order of addition ("earliest-added", docs/domain-rules.md, The current authentication method). */
  readonly insertedAt: Date;
  /**
   * Who added and last changed the method, and when it last changed, as stored (read back only:
   * the registry stamps them when it writes). null for methods written before they were kept.
   */
  readonly insertedBy?: string | null;
  readonly updatedBy?: string | null;
  readonly updatedAt?: Date;
}

export interface Person {
  readonly id: string;
  /** The registry name (`registryNameOf(names)`); `lastName` is '' when the person has none. */
  readonly firstName: string;
  readonly lastName: string;
  readonly secondName: string | null;
  /** Every name of the person, one entry per language as written; the registry name among them. */
  readonly names: readonly PersonName[];
  readonly birthDate: string;
  /** null for persons written before birth places were kept. */
  readonly birthCountry: string | null;
  readonly birthSettlement: string | null;
  readonly gender: Gender;
  readonly taxId: string | null;
  readonly noTaxId: boolean;
  readonly status: PersonStatus;
  readonly verificationStatus: VerificationStatus;
  readonly verificationReason: VerificationReason | null;
  readonly verificationComment: string | null;
  readonly documents: readonly PersonDocument[];
  readonly phones: readonly PersonPhone[];
  readonly authenticationMethods: readonly AuthMethod[];
  readonly insertedBy: string | null;
  readonly updatedBy: string | null;
  readonly insertedAt: Date;
  readonly updatedAt: Date;
}

/** The name the registry shows without a language: the `uk` entry of `names[]`, else the first. */
export function registryNameOf(names: readonly PersonName[]): PersonName | undefined {
  return names.find((n) => n.language === 'uk') ?? names[0];
}
