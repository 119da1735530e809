/** The settings person-request use cases read (from configuration, by the module). */
export interface PersonRequestSettings {
  /** Days after which a NEW request expires. */
  readonly ttlDays: number;
  readonly noSelfAuthAge: number;
  readonly thirdPersonTermYears: number;
}

export const PERSON_REQUEST_SETTINGS = Symbol('PERSON_REQUEST_SETTINGS');
