#!/usr/bin/env node
// Writes the app's OpenAPI document to docs/openapi.json (`npm run openapi`), or with `--check`
// exits 1 when the committed file differs from what the code produces (`npm run openapi:check`).
// Runs on the compiled app in dist/ (the npm scripts run `nest build` first). No database is
// needed: Nest's preview mode resolves the module graph and controllers without instantiating
// providers, so TypeORM never connects. The configuration is fixed, not read from the
// environment, so the document is the same on every machine; keys are sorted for stable diffs.
import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const target = join(root, 'docs', 'openapi.json');
const check = process.argv.includes('--check');

if (!existsSync(join(dist, 'app.module.js'))) {
  process.stderr.write('openapi: dist/app.module.js not found; run `npm run build` first\n');
  process.exit(2);
}
const load = (path) => import(pathToFileURL(join(dist, path)).href);
const { NestFactory } = await import('@nestjs/core');
const { AppModule } = await load('app.module.js');
const { loadConfig } = await load('platform/config/app-config.js');
const { buildOpenApi } = await load('platform/docs/swagger.js');

/** Top-level members in the order of the OpenAPI specification; everything below is sorted. */
const TOP_LEVEL = ['openapi', 'info', 'servers', 'tags', 'security', 'paths', 'components'];

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  );
}

function canonical(document) {
  const sorted = sortKeys(document);
  const keys = [
    ...TOP_LEVEL.filter((key) => key in sorted),
    ...Object.keys(sorted).filter((key) => !TOP_LEVEL.includes(key)),
  ];
  return `${JSON.stringify(Object.fromEntries(keys.map((key) => [key, sorted[key]])), null, 2)}\n`;
}

const config = loadConfig({
  NODE_ENV: 'development',
  JWT_SECRET: 'openapi-generation-only-secret-not-used-for-anything',
  DATA_DIR: join(tmpdir(), 'ehealth-openapi'),
  LOG_LEVEL: 'silent',
});
const app = await NestFactory.create(
  AppModule.forRoot({
    // Never connected to: preview mode instantiates no provider.
    config: { ...config, databaseUrl: 'postgres://openapi@127.0.0.1:1/openapi' },
  }),
  { preview: true, logger: false, abortOnError: false },
);
let text;
try {
  text = canonical(buildOpenApi(app));
} finally {
  await app.close();
}

const shown = relative(process.cwd(), target) || target;
if (check) {
  const committed = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
  if (committed === text) {
    process.stdout.write(`openapi: ${shown} is up to date\n`);
    process.exit(0);
  }
  const reason =
    committed === undefined
      ? 'is missing'
      : `differs from the document the code produces (first difference at line ${firstDifference(committed, text)})`;
  process.stderr.write(
    `openapi: ${shown} ${reason}.\n` +
      'Run `npm run openapi` and commit docs/openapi.json with the change to the API.\n',
  );
  process.exit(1);
}
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, text);
process.stdout.write(`openapi: wrote ${shown}\n`);

function firstDifference(a, b) {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) return i + 1;
  }
  return 1;
}
