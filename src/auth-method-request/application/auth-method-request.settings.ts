/** The settings authentication-method-request use cases read (from configuration). */
export interface AuthMethodRequestSettings {
  readonly noSelfAuthAge: number;
  readonly thirdPersonTermYears: number;
  /** Hours after which a NEW request expires. */
  readonly ttlHours: number;
}

export const AUTH_METHOD_REQUEST_SETTINGS = Symbol('AUTH_METHOD_REQUEST_SETTINGS');
