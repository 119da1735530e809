/** The registry's examples of person search, with this service's identifiers. */
const ID = 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b';

export const SEARCH_V1_EXAMPLE = [
  {
    id: ID,
    first_name: 'Петро',
    last_name: 'Іванов',
    second_name: 'Миколайович',
    birth_date: '1991-08-19',
    gender: 'MALE',
    tax_id: '3126509816',
    phones: [{ type: 'MOBILE', number: '+380508887700' }],
    birth_country: 'Україна',
    birth_settlement: 'Вінниця',
    merged_persons: [],
  },
];

export const SEARCH_V2_EXAMPLE = [
  {
    id: ID,
    names: [
      { first_name: 'Петро', last_name: 'Іванов', second_name: 'Миколайович', language: 'uk' },
    ],
    birth_date: '1991-08-19',
    gender: 'MALE',
    birth_country: 'Україна',
    birth_settlement: 'Вінниця',
    documents: [{ type: 'PASSPORT', number: 'AK876345' }],
  },
];

/** A 422 of a search: the parameter's path, as every validation failure names it. */
export const SEARCH_INVALID_EXAMPLE = {
  entry: '$.birth_date',
  rule: 'format',
  description: 'must be a date in the form YYYY-MM-DD',
};
