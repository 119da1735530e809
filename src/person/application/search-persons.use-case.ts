import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../kernel/application/clock.port.js';
import { PERSON_ERRORS } from '../domain/person-errors.js';
import { fail } from '../../kernel/domain/errors.js';
import {
  byRegistration,
  foundPerson,
  type FoundPerson,
  type PersonSearchCriteria,
} from '../domain/person-search.js';
import { PersonFinder } from './person-finder.port.js';
import { PERSON_SEARCH_SETTINGS, type PersonSearchSettings } from './person-search.settings.js';

/** The parameters of `GET /api/persons`; a key is present exactly when the caller sent it. */
export interface PersonSearchV1Parameters {
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: string;
  readonly secondName?: string;
  readonly taxId?: string;
  readonly phoneNumber?: string;
  readonly birthCertificate?: string;
}

/** The parameters of `GET /api/v2/persons`; a key is present exactly when the caller sent it. */
export interface PersonSearchV2Parameters {
  readonly language: string;
  readonly firstName: string;
  readonly birthDate: string;
  readonly lastName?: string;
  readonly secondName?: string;
  readonly taxId?: string;
  readonly phoneNumber?: string;
  readonly documentType?: string;
  readonly documentNumber?: string;
}

/** A search as the caller asked it: which parameters it used is the keys of `parameters`. */
export type PersonSearchQuery =
  | { readonly version: 1; readonly parameters: PersonSearchV1Parameters }
  | { readonly version: 2; readonly parameters: PersonSearchV2Parameters };

/** The names of the parameters a search used, never their values (what an audit may record). */
export function parametersUsed(query: PersonSearchQuery): string[] {
  return Object.entries(query.parameters)
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name)
    .sort();
}

/** What the search compares, from what the caller sent. */
export function criteriaOf(query: PersonSearchQuery): PersonSearchCriteria {
  const { firstName, lastName, secondName, birthDate, taxId, phoneNumber } = query.parameters;
  const optional = {
    ...(lastName !== undefined ? { lastName } : {}),
    ...(secondName !== undefined ? { secondName } : {}),
    ...(taxId !== undefined ? { taxId } : {}),
    ...(phoneNumber !== undefined ? { phoneNumber } : {}),
  };
  if (query.version === 1) {
    const { birthCertificate } = query.parameters;
    return {
      language: null,
      firstName,
      birthDate,
      ...optional,
      ...(birthCertificate !== undefined
        ? { document: { type: 'BIRTH_CERTIFICATE', number: birthCertificate } }
        : {}),
    };
  }
  const { language, documentType, documentNumber } = query.parameters;
  return {
    language,
    firstName,
    birthDate,
    ...optional,
    ...(documentType !== undefined && documentNumber !== undefined
      ? { document: { type: documentType, number: documentNumber } }
      : {}),
  };
}

/**
 * Person search (docs/api.md, Person search): exact matches of active persons, for any client
 * (persons are registry data), refused with `too_many_results` when more than
 * PERSON_SEARCH_MAX_RESULTS match, so that a search never lists the registry.
 */
@Injectable()
export class SearchPersonsUseCase {
  constructor(
    private readonly finder: PersonFinder,
    private readonly clock: Clock,
    @Inject(PERSON_SEARCH_SETTINGS) private readonly settings: PersonSearchSettings,
  ) {}

  async execute(query: PersonSearchQuery): Promise<FoundPerson[]> {
    const criteria = criteriaOf(query);
    const max = this.settings.maxResults;
    // One more than is answered: enough to know there are too many, never more rows than that.
    const persons = await this.finder.findExact(criteria, this.clock.now(), max + 1);
    if (persons.length > max) throw fail(PERSON_ERRORS.tooManyResults);
    return [...persons].sort(byRegistration).map((p) => foundPerson(p, criteria));
  }
}
