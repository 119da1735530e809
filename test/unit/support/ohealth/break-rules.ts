/**
 * For the specs of the client's checks: from a rules table and an answer that passes it, one
 * answer per rule that breaks exactly that rule, and the failure the check must report.
 */
import type { Rule, Rules } from '../../../support/ohealth/laravel-validation.js';

export interface BrokenAnswer {
  /** `<attribute>: <rule>`, as the check reports it. */
  readonly failure: string;
  readonly body: unknown;
}

/** A value that breaks the rule (when the rule can be broken on its own), or `remove`. */
function breaker(rule: Rule): { value: unknown } | 'remove' | undefined {
  if (typeof rule !== 'string') {
    const values: Record<string, unknown> = {
      PhoneNumber: '+1',
      TaxId: '12',
      Zip: '1',
      Email: 'no-at-sign',
    };
    return { value: values[rule.name] ?? 'NOT_IN_THE_DICTIONARY' };
  }
  const [name, parameter] = rule.split(':');
  switch (name) {
    case 'required':
    case 'present':
    case 'required_if':
    case 'required_unless':
      return 'remove';
    case 'string':
      return { value: 12345 };
    case 'uuid':
      return { value: 'not-a-uuid' };
    case 'date':
      return { value: 'not a date' };
    case 'boolean':
      return { value: parameter === 'strict' ? 'true' : 'yes' };
    case 'array':
      return { value: 'not an array' };
    case 'max':
      return { value: 'x'.repeat(Number(parameter) + 1) };
    case 'in':
      return { value: 'NOT_LISTED' };
    case 'regex':
    case 'numeric':
      return { value: 'abc' };
    case 'url':
      return { value: 'not a url' };
    default:
      return undefined;
  }
}

/**
 * The first concrete attribute of a pattern in the data: a wildcard takes the first item that
 * exists; an explicit segment is followed whether or not it exists.
 */
function firstAttribute(data: unknown, pattern: string): string[] | undefined {
  const path: string[] = [];
  let node: unknown = data;
  for (const segment of pattern.split('.')) {
    if (segment === '*') {
      if (typeof node !== 'object' || node === null) return undefined;
      const first = Object.keys(node)[0];
      if (first === undefined) return undefined;
      path.push(first);
      node = (node as Record<string, unknown>)[first];
    } else {
      path.push(segment);
      node =
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[segment]
          : undefined;
    }
  }
  return path;
}

/** The client's renamed keys, back to the answer's. */
const WIRE: Record<string, string> = {
  uuid: 'id',
  ehealth_ended_at: 'ended_at',
  ehealth_inserted_at: 'inserted_at',
  ehealth_updated_at: 'updated_at',
};

export interface BreakPlan {
  /** The answers that break one rule each. */
  readonly broken: BrokenAnswer[];
  /** `<pattern>: <rule>` of the rules no single change of this answer breaks. */
  readonly unbreakable: string[];
}

/**
 * One broken answer per rule of the table. `where` says which part of the answer a rule's
 * attribute lives in (`data` unless told otherwise).
 */
export function breakEveryRule(
  rules: Rules,
  answer: { data: unknown; urgent?: unknown },
  where: (pattern: string) => 'data' | 'urgent' = () => 'data',
): BreakPlan {
  const broken: BrokenAnswer[] = [];
  const unbreakable: string[] = [];
  for (const [pattern, list] of Object.entries(rules)) {
    for (const rule of list) {
      // `nullable` and `sometimes` only say when the other rules run: nothing to break.
      if (rule === 'nullable' || rule === 'sometimes') continue;
      const label = typeof rule === 'string' ? rule : rule.name;
      const how = breaker(rule);
      const part = where(pattern);
      const path = firstAttribute(answer[part], pattern);
      if (how === undefined || path === undefined) {
        unbreakable.push(`${pattern}: ${label}`);
        continue;
      }
      const copy = structuredClone(answer) as Record<string, unknown>;
      let node = copy[part] as Record<string, unknown>;
      const wirePath = path.map((s) => WIRE[s] ?? s);
      for (const segment of wirePath.slice(0, -1)) {
        node[segment] ??= {};
        node = node[segment] as Record<string, unknown>;
      }
      const leaf = wirePath[wirePath.length - 1];
      if (how === 'remove') delete node[leaf];
      else node[leaf] = how.value;
      broken.push({ failure: `${path.join('.')}: ${label}`, body: copy });
    }
  }
  return { broken, unbreakable };
}
