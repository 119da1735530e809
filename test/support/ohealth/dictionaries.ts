/**
 * The registry dictionaries the client's `InDictionary` rules look values up in. The client
 * loads them from the registry at run time; the tests cannot, so these hold the keys the
 * registry's published examples and this project's documented values use. A check that meets a
 * dictionary missing here fails loudly (pass the registry's dictionary in `dictionaries`) rather
 * than letting any value through.
 */
import type { Dictionaries } from './laravel-validation.js';

export const DEFAULT_DICTIONARIES: Dictionaries = {
  GENDER: ['MALE', 'FEMALE'],
  DOCUMENT_TYPE: [
    'PASSPORT',
    'NATIONAL_ID',
    'TEMPORARY_PASSPORT',
    'BIRTH_CERTIFICATE',
    'BIRTH_CERTIFICATE_FOREIGN',
    'TEMPORARY_CERTIFICATE',
    'PERMANENT_RESIDENCE_PERMIT',
    'REFUGEE_CERTIFICATE',
    'COMPLEMENTARY_PROTECTION_CERTIFICATE',
  ],
  DOCUMENT_RELATIONSHIP_TYPE: [
    'BIRTH_CERTIFICATE',
    'BIRTH_CERTIFICATE_FOREIGN',
    'COURT_DECISION',
    'CONFIDANT_CERTIFICATE',
    'DEPRIVATION_OF_PARENTAL_RIGHTS',
  ],
  PHONE_TYPE: ['MOBILE', 'LAND_LINE'],
  ADDRESS_TYPE: ['RESIDENCE', 'REGISTRATION'],
  COUNTRY: ['UA'],
  ISSUING_COUNTRY: ['UA'],
  SETTLEMENT_TYPE: ['CITY', 'TOWNSHIP', 'VILLAGE', 'SETTLEMENT'],
  STREET_TYPE: ['STREET', 'AVENUE', 'BOULEVARD', 'LANE', 'SQUARE'],
  PERSON_VERIFICATION_STATUSES: [
    'VERIFICATION_NEEDED',
    'IN_REVIEW',
    'VERIFIED',
    'NOT_VERIFIED',
    'CHANGES_NEEDED',
    'VERIFICATION_NOT_NEEDED',
  ],
  PERSON_VERIFICATION_STATUS_REASONS: [
    'INITIAL',
    'AUTO',
    'AUTO_ONLINE',
    'AUTO_DATA_ABSENT',
    'RULES_TRIGGERED',
    'RULES_PASSED',
    'MANUAL',
    'MANUAL_COMFIRMED',
    'MANUAL_CREATED_BY_DOCTOR',
  ],
};
