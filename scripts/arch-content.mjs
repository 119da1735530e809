// The part of `npm run arch` that reads what files hold rather than what they import: feature
// content stays out of the ground floors (src/kernel, src/platform), files stay small, and the
// documentation names files that exist. dependency-cruiser (.dependency-cruiser.cjs) checks the
// imports.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const MAX_LINES = 400;

/**
 * Migrations of src/platform: the baseline of the first release, which created every feature's
 * tables and stays where databases know it, and the migrations of the platform's own tables.
 * Every other migration belongs to the feature whose tables it changes.
 */
const PLATFORM_MIGRATIONS = new Set([
  '1763900000000-initial-schema.ts', // released baseline (every table of the first release)
  '1764400000000-service-secrets.ts', // platform: secrets shared by instances
  '1764610000000-write-rate-windows.ts', // released: the write limit's table, dropped since
  '1764800000000-rate-limit-windows.ts', // platform: the client limits' windows
  '1765100000000-idempotency-keys.ts', // platform: the idempotency keys of every client
]);

/** Generic presentation the platform may hold: the paging block, the page query. */
const PLATFORM_PRESENTATION = new Set([
  'src/platform/docs/paging.example.ts',
  'src/platform/http/page-query.dto.ts',
]);

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

const problems = [];
const code = (path) => /\.(ts|mjs|js|cjs)$/.test(path);

for (const path of files(join(ROOT, 'src')).filter(code)) {
  const file = relative(ROOT, path);
  const text = readFileSync(path, 'utf8');
  const floor = /^src\/(kernel|platform)\//.exec(file)?.[1];
  if (floor === 'kernel' && /\bspec\(\s*'[a-z_]+',/.test(text)) {
    problems.push(`${file}: error texts belong to the feature that answers them (its *-errors.ts)`);
  }
  if (floor && /\.(examples?|presenter|dto)\.ts$/.test(file) && !PLATFORM_PRESENTATION.has(file)) {
    problems.push(`${file}: a feature's examples, presenters and DTOs live in its adapters/http/`);
  }
  const migration = /^src\/platform\/database\/migrations\/([^/]+)$/.exec(file)?.[1];
  if (migration && !PLATFORM_MIGRATIONS.has(migration)) {
    problems.push(`${file}: a new migration belongs to the feature whose tables it changes`);
  }
}

for (const dir of ['src', 'bench', 'scripts']) {
  for (const path of files(join(ROOT, dir)).filter(code)) {
    const lines = readFileSync(path, 'utf8').split('\n').length - 1;
    if (lines > MAX_LINES) {
      problems.push(
        `${relative(ROOT, path)}: ${lines} lines (at most ${MAX_LINES}: split it by what it does)`,
      );
    }
  }
}

// The docs point each rule at the file that implements it: a pointer to a moved file misleads.
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((name) => `docs/${name}`)];
for (const doc of DOCS.filter((path) => path.endsWith('.md'))) {
  const text = readFileSync(join(ROOT, doc), 'utf8');
  for (const [, path] of text.matchAll(/`((?:src|test|bench|scripts)\/[^`\s<>*{}]+)`/g)) {
    if (!existsSync(join(ROOT, path))) problems.push(`${doc}: names ${path}, which does not exist`);
  }
}

if (problems.length > 0) {
  process.stderr.write(`${problems.map((p) => `  error ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  '✔ feature content stays in the features; no file over 400 lines; the docs name files that exist\n',
);
