/**
 * The person form of the MIS client (`app/Livewire/Person/Forms/PersonForm.php`), as the fields
 * it validates and then sends: camelCase, dates as the form holds them (`dd.mm.yyyy`, or ISO).
 * A builder formats them exactly as the client does (snake_case, `Y-m-d`, empty values dropped).
 * Optional fields left out are not sent.
 */
export interface DocumentForm {
  readonly type: string;
  readonly number: string;
  readonly issuedBy: string;
  readonly issuedAt: string;
  readonly expirationDate?: string;
  /** Newest client only (`addIssuingCountryValidation`). */
  readonly issuingCountry?: string;
}

export interface PhoneForm {
  readonly type: string;
  readonly number: string;
}

export interface AddressForm {
  readonly type: string;
  readonly country: string;
  readonly area?: string;
  readonly region?: string;
  readonly settlement?: string;
  /** Released client only: the newest one leaves it out of the request on purpose. */
  readonly settlementType?: string;
  readonly settlementId?: string;
  readonly streetType?: string;
  readonly street?: string;
  readonly building?: string;
  readonly apartment?: string;
  readonly zip?: string;
}

export interface EmergencyContactForm {
  readonly firstName: string;
  readonly lastName: string;
  readonly secondName?: string;
  readonly phones: readonly PhoneForm[];
}

export interface RelationshipDocumentForm {
  readonly type: string;
  readonly number: string;
  readonly issuedBy?: string;
  readonly issuedAt?: string;
  readonly activeTo?: string;
}

export interface ConfidantForm {
  readonly personId: string;
  readonly documentsRelationship: readonly RelationshipDocumentForm[];
}

export interface AuthMethodForm {
  readonly type: 'OTP' | 'OFFLINE' | 'THIRD_PERSON';
  readonly phoneNumber?: string;
  /** THIRD_PERSON: the confidant's person id (the client sets it from the chosen confidant). */
  readonly value?: string;
  readonly alias?: string;
}

interface PersonFormCommon {
  /** Set by `PersonUpdate::update` to update that person; absent on create. */
  readonly id?: string;
  readonly birthDate: string;
  readonly birthCountry: string;
  readonly birthSettlement: string;
  readonly gender: string;
  readonly unzr?: string;
  readonly documents: readonly DocumentForm[];
  /** `null` on the newest form means "a foreign document, no Ukrainian tax number to refuse". */
  readonly noTaxId?: boolean | null;
  readonly taxId?: string;
  readonly secret: string;
  readonly email?: string;
  readonly phones?: readonly PhoneForm[];
  readonly addresses: readonly AddressForm[];
  readonly emergencyContact: EmergencyContactForm;
  readonly confidantPerson?: ConfidantForm;
  /** Exactly one on create; none with `id`. */
  readonly authenticationMethods?: readonly AuthMethodForm[];
}

/** The released form: the registry's v2 person, with flat names. */
export interface PersonFormV2 extends PersonFormCommon {
  readonly firstName: string;
  readonly lastName: string;
  readonly secondName?: string;
}

export interface NameForm {
  readonly language: string;
  readonly firstName: string;
  readonly lastName?: string;
  readonly secondName?: string;
  readonly noLastName: boolean;
}

/** The newest form: the registry's v3 person, with `names[]`. */
export interface PersonFormV3 extends PersonFormCommon {
  readonly names: readonly NameForm[];
  readonly preferredWayCommunication?: 'email' | 'phone';
}
