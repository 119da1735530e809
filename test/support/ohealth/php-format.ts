/**
 * How the client turns a validated form into a request body: its `EHealthApiFormatter::format()`
 * (app/Traits/EHealthApiFormatter.php) and the helpers it calls, translated. `format($data,
 * $dateFields)` converts the named date fields to `Y-m-d`, turns camelCase keys into snake_case
 * (`Arr::toSnakeCase`) and drops empty values (`removeEmptyKeys`).
 */

type Php = unknown;

const isObject = (v: Php): v is Record<string, Php> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `convertToYmd` (`CarbonImmutable::parse($date)->format('Y-m-d')`) for the two forms the
 * client's forms hold: `dd.mm.yyyy` and ISO dates (date-times keep their date).
 */
export function convertToYmd(date: string): string {
  const european = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(date);
  if (european !== null) return `${european[3]}-${european[2]}-${european[1]}`;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(date);
  if (iso !== null) return iso[1];
  throw new Error(`convertToYmd: ${date} is not a date the client's forms hold`);
}

function convertDates(data: Php, dateFields: readonly string[], key?: string): Php {
  if (Array.isArray(data)) return data.map((v) => convertDates(v, dateFields));
  if (isObject(data)) {
    return Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, convertDates(v, dateFields, k)]),
    );
  }
  return typeof data === 'string' && key !== undefined && dateFields.includes(key) && data !== ''
    ? convertToYmd(data)
    : data;
}

/** `Str::snake` of one key: an underscore before every capital that follows a character. */
export function snake(key: string): string {
  return key.replace(/(.)(?=[A-Z])/g, '$1_').toLowerCase();
}

/** `Arr::toSnakeCase`, recursive over keys. */
export function toSnakeCase(data: Php): Php {
  if (Array.isArray(data)) return data.map(toSnakeCase);
  if (isObject(data)) {
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [snake(k), toSnakeCase(v)]));
  }
  return data;
}

/** PHP's `empty()` for a scalar. */
const emptyScalar = (v: Php): boolean =>
  v === null || v === undefined || v === '' || v === 0 || v === '0';

/**
 * `removeEmptyKeys`: drops null, '', 0, '0' (keeping `false`) and arrays left empty, at every
 * depth. As in PHP, a list that loses an item keeps its other keys: when they are no longer
 * 0..n-1 the list is sent as a JSON object (`{"1": ...}`).
 */
export function removeEmptyKeys(data: Php): Php {
  if (!Array.isArray(data) && !isObject(data)) return data;
  const entries: [string, Php][] = [];
  for (const [k, v] of Object.entries(data)) {
    if (Array.isArray(v) || isObject(v)) {
      const cleaned = removeEmptyKeys(v);
      const size = Array.isArray(cleaned) ? cleaned.length : Object.keys(cleaned as object).length;
      if (size > 0) entries.push([k, cleaned]);
    } else if (!(emptyScalar(v) && v !== false)) {
      entries.push([k, v]);
    }
  }
  const sequential = entries.every(([k], i) => k === String(i));
  return Array.isArray(data) && sequential
    ? entries.map(([, v]) => v)
    : Object.fromEntries(entries);
}

/** `EHealthApiFormatter::format($data, $dateFields)`. */
export function phpFormat(data: Php, dateFields: readonly string[] = []): Php {
  return removeEmptyKeys(toSnakeCase(convertDates(data, dateFields)));
}
