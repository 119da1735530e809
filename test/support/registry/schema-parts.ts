/**
 * The building blocks of the registry's answer schemas (JSON Schema draft 2020-12), in this
 * project's words: the envelope, paging, error bodies, and small constructors. The shapes follow
 * the registry's published contract ("GENERAL MIS API" 9.15.6) for the person area; where the
 * project widens one on purpose, the schema says so with a comment that starts with `Deviation:`.
 */
export type Schema = Record<string, unknown>;

export const str: Schema = { type: 'string' };
export const num: Schema = { type: 'number' };
export const bool: Schema = { type: 'boolean' };
/** The registry's `items` with no type at all: anything goes. */
export const anything: Schema = {};

/** An object with these properties; `required` lists the ones that must be present. */
export function obj(properties: Record<string, Schema>, required: string[] = []): Schema {
  return required.length > 0
    ? { type: 'object', properties, required }
    : { type: 'object', properties };
}

/** As {@link obj}, refusing every property it does not name (the registry's `additionalProperties: false`). */
export function closedObj(properties: Record<string, Schema>, required: string[] = []): Schema {
  return { ...obj(properties, required), additionalProperties: false };
}

export function arr(items: Schema): Schema {
  return { type: 'array', items };
}

export function oneOfStrings(...values: string[]): Schema {
  return { type: 'string', enum: values };
}

/** The schema, or `null`: for the places where a deviation lets a field be null. */
export function orNull(schema: Schema): Schema {
  return { anyOf: [schema, { type: 'null' }] };
}

/** The registry's own nullable fields, written as a type list (`["string", "null"]`). */
export function nullableType(schema: Schema): Schema {
  return { ...schema, type: [schema.type, 'null'] };
}

/** `meta` as the registry describes it: nothing required, `type` one of two words. */
export const meta: Schema = obj({
  code: num,
  url: str,
  type: oneOfStrings('object', 'list'),
  request_id: str,
});

/** Deviation: "`paging` has exactly the registry's four fields" (the registry's own closed shape). */
export const paging: Schema = closedObj(
  { page_number: num, page_size: num, total_entries: num, total_pages: num },
  ['page_number', 'page_size', 'total_entries', 'total_pages'],
);

/** A success answer: `meta`, `data` and, where the registry has them, `urgent` and `paging`. */
export function answer(
  data: Schema,
  extra: { urgent?: Schema; paging?: boolean; urgentRequired?: boolean } = {},
): Schema {
  const properties: Record<string, Schema> = { meta, data };
  if (extra.urgent !== undefined) properties.urgent = extra.urgent;
  if (extra.paging === true) properties.paging = paging;
  return obj(properties, extra.urgentRequired === true ? ['urgent'] : []);
}

/**
 * One entry of `error.invalid`, as the project's HTTP contract describes it:
 * `{ entry_type, entry, rules: [{ rule, description, params }] }`.
 */
const invalidEntry: Schema = obj(
  {
    entry_type: str,
    entry: str,
    rules: arr(obj({ rule: str, description: str, params: { type: 'array' } }, ['rule'])),
  },
  ['entry_type', 'entry', 'rules'],
);

const errorBody = { type: str, message: str };

/** The registry's error answer for a status its operation lists (403, 422): a closed `error`. */
export const registryError: Schema = obj({
  meta,
  error: closedObj(errorBody, ['type', 'message']),
});

/**
 * The registry's 422 error answer. Deviation: "Error bodies: a 422 `validation_failed` carries
 * `invalid`" — only that type may add `invalid`; every other 422 keeps the closed two fields.
 */
export const registryError422: Schema = obj({
  meta,
  error: {
    ...closedObj({ ...errorBody, invalid: arr(invalidEntry) }, ['type', 'message']),
    anyOf: [
      { not: { required: ['invalid'] } },
      { properties: { type: { const: 'validation_failed' } } },
    ],
  },
});

/**
 * `error.type` by HTTP status, from the error table of the project's HTTP contract: used for the
 * statuses an operation's registry file does not list.
 */
export const ERROR_TYPES_BY_STATUS: Readonly<Record<number, readonly string[]>> = {
  400: ['request_malformed', 'bad_request'],
  401: ['access_denied'],
  403: ['forbidden'],
  404: ['not_found'],
  408: ['request_malformed'],
  409: ['request_conflict'],
  413: ['request_too_large'],
  422: ['validation_failed', 'forbidden'],
  429: ['too_many_requests'],
  431: ['request_too_large'],
  500: ['internal_error'],
  503: ['service_unavailable'],
};

/**
 * The project's generic error envelope (its HTTP contract, "Envelope" and "Errors"): a complete
 * `meta`, and `error: { type, message, invalid? }` with `invalid` on `validation_failed` only.
 */
export function projectError(status: number): Schema {
  const types = ERROR_TYPES_BY_STATUS[status];
  return closedObj(
    {
      meta: obj({ code: { const: status }, url: str, type: { const: 'object' }, request_id: str }, [
        'code',
        'url',
        'type',
        'request_id',
      ]),
      error: {
        ...closedObj(
          {
            type: types === undefined ? str : oneOfStrings(...types),
            message: str,
            invalid: arr(invalidEntry),
          },
          ['type', 'message'],
        ),
        anyOf: [
          { not: { required: ['invalid'] } },
          { properties: { type: { const: 'validation_failed' } } },
        ],
      },
    },
    ['meta', 'error'],
  );
}

/**
 * Masking, as the registry's examples show it and the project requires it: a phone keeps its
 * first 6 and last 2 characters (`+38097*****67`); a person's name is the last name and initials
 * (`Шевченко Т.Г.`); a tax id, `unzr` or document number keeps its last 2 characters
 * (`********50`). Not in the registry's schemas: the tests hold the service to it wherever a
 * value is shown masked (see README.md, "Masking").
 */
const PHONE_MASK = '^\\+\\d{5}\\*+\\d{2}$';
const TAIL_MASK = '^\\*+[^*]{2}$';
const NAME_MASK = '^\\S+ (\\p{L}\\.){1,2}$';
export const maskedPhone: Schema = { type: 'string', pattern: PHONE_MASK };
export const maskedTail: Schema = { type: 'string', pattern: TAIL_MASK };
export const maskedName: Schema = { type: 'string', pattern: NAME_MASK };

/** How a failure names each mask, instead of its regular expression. */
export const MASK_NAMES: Readonly<Record<string, string>> = {
  [PHONE_MASK]: 'must be a masked phone such as +38097*****67',
  [TAIL_MASK]: 'must be masked to its last 2 characters such as ********50',
  [NAME_MASK]: 'must be masked to last name and initials such as Шевченко Т.Г.',
};
