/** The settings person search reads (from configuration, by the module). */
export interface PersonSearchSettings {
  /** The most persons a search answers (PERSON_SEARCH_MAX_RESULTS). */
  readonly maxResults: number;
}

export const PERSON_SEARCH_SETTINGS = Symbol('PERSON_SEARCH_SETTINGS');
