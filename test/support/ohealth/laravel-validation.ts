/**
 * Just enough of Laravel's validator (12.x) to replay an MIS client's answer checks here, with
 * the same outcome: the client (openhealths/ohealth, PHP) validates the registry's answers with
 * `Validator::make($data, $rules)` and refuses the whole answer when one rule fails.
 *
 * The semantics kept, because they decide what passes:
 * - `a.*.b` expands over the items that exist; a missing `b` in an item is still validated, so
 *   `required` fails on it while the other rules skip it (they run on present values only,
 *   `null` included, unless the attribute is `nullable`).
 * - An empty string runs only the implicit rules (`required`, `required_if`, `present`, ...).
 * - After an implicit rule fails, the attribute's other rules do not run.
 * - `sometimes`: no rule runs when the attribute is absent.
 * - A PHP array is a JSON array or object alike (`array`, `required` on `{}` fails: it is empty).
 * Approximations, named where they are used: `date` (ISO-like dates and date-times) and `url`.
 *
 * A failure reads `<attribute>: <rule>`, e.g. `person.addresses.0.area: required`.
 */

/** The registry's dictionaries the client checks values against, by name: their keys. */
export type Dictionaries = Readonly<Record<string, readonly (string | number)[]>>;

/** A rule object of the client (`new InDictionary(...)`, `new PhoneNumber()`, ...). */
export interface CustomRule {
  readonly name: string;
  passes(value: unknown, dictionaries: Dictionaries): boolean;
}

export type Rule = string | CustomRule;
export type Rules = Readonly<Record<string, readonly Rule[]>>;

const IMPLICIT = new Set([
  'required',
  'required_if',
  'required_unless',
  'required_with',
  'present',
  'filled',
  'accepted',
]);
const UUID = /^[\da-fA-F]{8}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{12}$/;

type Json = unknown;

const isPhpArray = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null;

function get(data: Json, path: string): { found: boolean; value: Json } {
  let node: Json = data;
  for (const segment of path === '' ? [] : path.split('.')) {
    if (!isPhpArray(node) || !Object.prototype.hasOwnProperty.call(node, segment)) {
      return { found: false, value: null };
    }
    node = node[segment];
  }
  return { found: true, value: node };
}

/** The concrete attributes of a rule key, each with the keys its `*`s stand for. */
function expand(data: Json, pattern: string): { attribute: string; keys: string[] }[] {
  if (!pattern.includes('*')) return [{ attribute: pattern, keys: [] }];
  const segments = pattern.split('.');
  const found: { attribute: string; keys: string[] }[] = [];
  const walk = (node: Json, index: number, path: string[], keys: string[]): void => {
    if (index === segments.length) {
      found.push({ attribute: path.join('.'), keys });
      return;
    }
    const segment = segments[index];
    if (segment === '*') {
      // Laravel expands `*` over the items that exist; a missing or scalar array has none.
      if (!isPhpArray(node)) return;
      for (const key of Object.keys(node))
        walk(node[key], index + 1, [...path, key], [...keys, key]);
      return;
    }
    // An explicit segment is always followed, as Laravel fills missing ones to gather attributes.
    const next = isPhpArray(node) ? node[segment] : undefined;
    walk(next, index + 1, [...path, segment], keys);
  };
  walk(data, 0, [], []);
  return found;
}

const phpString = (v: Json): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : v === true ? '1' : '';

const isNumeric = (v: Json): boolean =>
  (typeof v === 'number' && Number.isFinite(v)) ||
  (typeof v === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(v));

function size(v: Json, numeric: boolean): number {
  if (numeric && isNumeric(v)) return Number(v);
  if (Array.isArray(v)) return v.length;
  if (isPhpArray(v)) return Object.keys(v).length;
  return [...phpString(v)].length;
}

function filled(v: Json): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (isPhpArray(v)) return Object.keys(v).length > 0;
  return true;
}

/** Approximation of `date`: a real calendar date, alone or starting an ISO-like date-time. */
function isDate(v: Json): boolean {
  if (typeof v !== 'string') return false;
  const m =
    /^(\d{4})-(\d{2})-(\d{2})([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Approximation of `url`: an absolute URL of a web scheme, with no spaces. */
function isUrl(v: Json): boolean {
  if (typeof v !== 'string' || /\s/.test(v)) return false;
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}

function phpRegex(literal: string): RegExp {
  const end = literal.lastIndexOf(literal[0]);
  return new RegExp(literal.slice(1, end), literal.slice(end + 1).replace('D', '') || undefined);
}

function parse(rule: string): [string, string[]] {
  const colon = rule.indexOf(':');
  if (colon < 0) return [rule, []];
  const name = rule.slice(0, colon);
  const rest = rule.slice(colon + 1);
  return [name, name === 'regex' ? [rest] : rest.split(',').map((p) => p.replace(/^"|"$/g, ''))];
}

/** Validates `data` as `Validator::make($data, $rules)` would; the failures, in rule order. */
export function validateLikeLaravel(
  data: Json,
  rules: Rules,
  dictionaries: Dictionaries,
): string[] {
  const failures: string[] = [];
  for (const [pattern, list] of Object.entries(rules)) {
    const names = list.filter((r): r is string => typeof r === 'string').map((r) => parse(r)[0]);
    for (const { attribute, keys } of expand(data, pattern)) {
      const { found, value } = get(data, attribute);
      if (names.includes('sometimes') && !found) continue;
      const resolve = (param: string) => {
        let i = 0;
        return param.replace(/\*/g, () => keys[i++] ?? '*');
      };
      for (const rule of list) {
        const [name, params] = typeof rule === 'string' ? parse(rule) : [rule.name, []];
        const implicit = IMPLICIT.has(name);
        // Laravel's isValidatable: an implicit rule always runs; any other one needs a present
        // value that is not an empty string, and not null when the attribute is nullable.
        const runs =
          implicit ||
          ((typeof value !== 'string' || value.trim() !== '') &&
            found &&
            !(names.includes('nullable') && value === null));
        if (!runs) continue;
        const ok =
          typeof rule === 'string'
            ? passes(name, params.map(resolve), value, found, data, names)
            : rule.passes(value, dictionaries);
        if (!ok) {
          failures.push(`${attribute}: ${typeof rule === 'string' ? rule : rule.name}`);
          if (implicit) break;
        }
      }
    }
  }
  return failures;
}

function passes(
  name: string,
  params: string[],
  value: Json,
  found: boolean,
  data: Json,
  names: string[],
): boolean {
  const dependent = (): { other: Json; has: boolean; values: Json[] } => {
    const { found: has, value: other } = get(data, params[0]);
    let values: Json[] = params.slice(1);
    if (typeof other === 'boolean') values = values.map((v) => v === 'true' || v === '1');
    if (other === null) values = values.map((v) => (v === 'null' ? null : v));
    return { other, has, values };
  };
  const numeric = names.includes('numeric') || names.includes('integer');
  switch (name) {
    case 'nullable':
    case 'sometimes':
      return true;
    case 'required':
      return filled(value);
    case 'present':
      return found;
    case 'required_if': {
      const { other, has, values } = dependent();
      return !has || !values.some((v) => v === other || phpString(v) === phpString(other))
        ? true
        : filled(value);
    }
    case 'required_unless': {
      const { other, values } = dependent();
      return values.some((v) => v === other || phpString(v) === phpString(other)) || filled(value);
    }
    case 'string':
      return typeof value === 'string';
    case 'array':
      return isPhpArray(value);
    case 'numeric':
      return isNumeric(value);
    case 'boolean':
      return (params[0] === 'strict' ? [true, false] : [true, false, 0, 1, '0', '1']).includes(
        value as never,
      );
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'date':
      return isDate(value);
    case 'url':
      return isUrl(value);
    case 'max':
      return size(value, numeric) <= Number(params[0]);
    case 'min':
      return size(value, numeric) >= Number(params[0]);
    case 'in':
      return !isPhpArray(value) && params.includes(phpString(value));
    case 'regex':
      return (
        (typeof value === 'string' || isNumeric(value)) &&
        phpRegex(params[0]).test(phpString(value))
      );
    default:
      throw new Error(`the Laravel rule ${name} is not translated here`);
  }
}

/** `new InDictionary($name)`: the value is one of the dictionary's keys, compared strictly. */
export function inDictionary(name: string): CustomRule {
  return {
    name: `InDictionary(${name})`,
    passes: (value, dictionaries) => {
      const keys = dictionaries[name];
      if (keys === undefined) {
        throw new Error(`the dictionary ${name} is not known to the test: pass it in dictionaries`);
      }
      return keys.includes(value as never);
    },
  };
}

const patternRule = (name: string, pattern: RegExp): CustomRule => ({
  name,
  passes: (value) => pattern.test(phpString(value)),
});

/** `new PhoneNumber()` (app/Rules/PhoneNumber.php): `^\+380[0-9]{9}$`. */
export const phoneNumber = patternRule('PhoneNumber', /^\+380[0-9]{9}$/);
/** `new TaxId()` with no party or owner in the data (app/Rules/TaxId.php): ten digits. */
export const taxId = patternRule('TaxId', /^[0-9]{10}$/);
/** `new Zip()` (app/Rules/Zip.php): five digits. */
export const zip = patternRule('Zip', /^[0-9]{5}$/);
/** `new Email()` (app/Rules/Email.php). */
export const email = patternRule(
  'Email',
  /^[\w!#$%&'*+/=?`{|}~^-]+(?:\.[\w!#$%&'*+/=?`{|}~^-]+)*@(?:[a-z0-9-]+\.)+[a-z]{2,}$/i,
);
