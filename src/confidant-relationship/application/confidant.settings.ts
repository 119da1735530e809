/** The settings confidant relationship use cases read (from configuration). */
export interface ConfidantSettings {
  /** Hours after which a NEW or APPROVED request expires. */
  readonly ttlHours: number;
  /** The most active confidants of one person. */
  readonly maxConfidants: number;
  /** For the end of a relationship no document dates (the THIRD_PERSON term). */
  readonly noSelfAuthAge: number;
  readonly thirdPersonTermYears: number;
}

export const CONFIDANT_SETTINGS = Symbol('CONFIDANT_SETTINGS');
