import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** One service of a compose file, as far as the tests read it. */
export interface ComposeService {
  readonly image?: string;
  readonly build?: { readonly context?: string; readonly dockerfile?: string } | string;
  readonly environment?: Record<string, string | number | boolean | null> | string[];
  readonly entrypoint?: string | string[];
  readonly command?: string | string[];
  readonly depends_on?: Record<string, { readonly condition?: string }> | string[];
  readonly healthcheck?: { readonly test?: string | string[] };
}

export interface ComposeFile {
  readonly text: string;
  readonly services: Record<string, ComposeService>;
}

export function readComposeFile(path: string): ComposeFile {
  const text = readFileSync(path, 'utf8');
  const parsed = parse(text) as { services?: Record<string, ComposeService> };
  return { text, services: parsed.services ?? {} };
}

/** A compose variable that is unset or empty where the file requires it (`${VAR:?message}`). */
export class MissingVariable extends Error {
  constructor(readonly variable: string) {
    super(`compose would stop: ${variable} is required`);
    this.name = 'MissingVariable';
  }
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const REFERENCE = new RegExp(`\\$(?:(\\$)|\\{(${NAME})(?:(:?[-?+])([^}$]*))?\\}|(${NAME}))`, 'g');

/**
 * Compose's interpolation of one value, for the forms this project's file uses: `$$` (a dollar),
 * `$VAR`, `${VAR}`, `${VAR:-default}` / `${VAR-default}`, `${VAR:?message}` / `${VAR?message}`
 * (MissingVariable) and `${VAR:+alternative}` / `${VAR+alternative}`. The `:` forms treat an empty
 * value as unset. Any other use of `$` throws, so a form this reads wrongly cannot pass unseen.
 */
export function interpolate(value: string, variables: Record<string, string>): string {
  if (value.replace(REFERENCE, '').includes('$')) {
    throw new Error(`A use of $ this reader does not know in "${value}"`);
  }
  return value.replace(
    REFERENCE,
    (
      _all,
      dollar?: string,
      braced?: string,
      operator?: string,
      word?: string,
      bare?: string,
    ): string => {
      if (dollar !== undefined) return '$';
      const name = (braced ?? bare)!;
      const raw = variables[name];
      const unset = operator?.startsWith(':') ? raw === undefined || raw === '' : raw === undefined;
      switch (operator?.replace(':', '')) {
        case undefined:
          return raw ?? '';
        case '-':
          return unset ? (word ?? '') : raw;
        case '?':
          if (unset) throw new MissingVariable(name);
          return raw;
        default:
          return unset ? '' : (word ?? '');
      }
    },
  );
}

/** Every variable a value refers to, and whether it requires it (`?`). */
export function references(value: string): { name: string; required: boolean }[] {
  return [...value.matchAll(REFERENCE)]
    .filter((m) => m[1] === undefined)
    .map((m) => ({ name: m[2] ?? m[5], required: m[3]?.endsWith('?') ?? false }));
}

/** Every string value in a parsed YAML tree. */
export function stringsOf(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(stringsOf);
  if (node !== null && typeof node === 'object') return Object.values(node).flatMap(stringsOf);
  return [];
}

/** A service's environment after interpolation (a list or a map in the file). */
export function environmentOf(
  service: ComposeService,
  variables: Record<string, string>,
): Record<string, string> {
  const entries = Array.isArray(service.environment)
    ? service.environment.map((line) => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)] as const;
      })
    : Object.entries(service.environment ?? {});
  return Object.fromEntries(
    entries.map(([key, value]) => [key, interpolate(String(value ?? ''), variables)]),
  );
}

/**
 * The lines under `# Required` at the top of the file: each a list of choices (`|`), each
 * choice the variables that must all be set.
 */
export function requiredGroups(text: string): string[][][] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith('# Required'));
  if (start < 0) return [];
  const groups: string[][][] = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^# {3}([A-Z][A-Z0-9_]*(?: +\|? *[A-Z][A-Z0-9_]*)*)$/.exec(line);
    if (match === null) {
      if (groups.length === 0) continue;
      break;
    }
    groups.push(match[1].split('|').map((choice) => choice.trim().split(/ +/)));
  }
  return groups;
}

/** A Docker image reference split up; `registry` is undefined for Docker Hub's short form. */
export interface ImageReference {
  readonly registry: string | undefined;
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

export function parseImage(reference: string): ImageReference {
  const [named, digest] = reference.split('@');
  const slash = named.indexOf('/');
  const first = slash < 0 ? '' : named.slice(0, slash);
  // Docker's rule: the first part names a registry when it has a dot or a port, or is localhost.
  const registry = /[.:]/.test(first) || first === 'localhost' ? first : undefined;
  const rest = registry === undefined ? named : named.slice(slash + 1);
  const colon = rest.lastIndexOf(':');
  return {
    registry,
    repository: colon < 0 ? rest : rest.slice(0, colon),
    tag: colon < 0 ? undefined : rest.slice(colon + 1),
    digest,
  };
}
