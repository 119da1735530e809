import type { FoundPerson } from '../../domain/person-search.js';
import type { PersonName } from '../../domain/person.js';

/** What the caller searched by, answered back, and nothing it did not ask for. */
function asked(found: FoundPerson): Record<string, unknown> {
  return {
    ...(found.taxId !== undefined ? { tax_id: found.taxId } : {}),
    ...(found.phones !== undefined ? { phones: found.phones } : {}),
  };
}

/**
 * The registry requires a string last name: a person without one has ''. An absent second name
 * is left out (the registry's schemas take a string or nothing).
 */
function names(first: string, last: string | null, second: string | null) {
  return {
    first_name: first,
    last_name: last ?? '',
    ...(second !== null ? { second_name: second } : {}),
  };
}

/** An item of `GET /api/persons`: the registry's Person_Short. */
export function presentFoundV1(found: FoundPerson): Record<string, unknown> {
  const p = found.person;
  return {
    id: p.id,
    ...names(p.firstName, p.lastName, p.secondName),
    birth_date: p.birthDate,
    gender: p.gender,
    ...asked(found),
    birth_country: p.birthCountry,
    birth_settlement: p.birthSettlement,
    merged_persons: [],
  };
}

const presentName = (n: PersonName) => ({
  ...names(n.firstName, n.lastName, n.secondName),
  language: n.language,
});

/** An item of `GET /api/v2/persons`: the registry's Person_Short_names_array. */
export function presentFoundV2(found: FoundPerson): Record<string, unknown> {
  const p = found.person;
  return {
    id: p.id,
    names: p.names.map(presentName),
    birth_date: p.birthDate,
    gender: p.gender,
    ...asked(found),
    birth_country: p.birthCountry,
    birth_settlement: p.birthSettlement,
    ...(found.documents !== undefined ? { documents: found.documents } : {}),
  };
}
