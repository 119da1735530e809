#!/usr/bin/env node
// Prints the `signed_content` of a file signed by the development signer, for the person request
// sign in development: `npm run sign -- signed-data.json`. The signer's tax id (for `msp_drfo`)
// goes to stderr. The signing itself is the service's own code (dist/signature/adapters/dev/),
// built first when dist/ is missing or older than src/, so there is one implementation of it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const compiled = join(root, 'dist', 'signature', 'adapters', 'dev', 'dev-signer.js');

function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
const files = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
if (files.length !== 1) {
  process.stderr.write('usage: npm run sign -- <file.json>\n');
  process.exit(2);
}
// npm runs scripts in the package root; a relative path means the caller's directory.
const file = resolve(process.env.INIT_CWD ?? process.cwd(), files[0]);
let content;
try {
  content = new Uint8Array(readFileSync(file));
} catch (error) {
  process.stderr.write(`cannot read ${file}: ${error.message}\n`);
  process.exit(1);
}
if (process.env.SIGNATURE_TRUST_ANCHORS?.trim() || process.env.DIGITAL_SIGNATURE_URL?.trim()) {
  process.stderr.write(
    'warning: SIGNATURE_TRUST_ANCHORS or DIGITAL_SIGNATURE_URL is set, so the service does not ' +
      'trust the development CA unless your anchors include it\n',
  );
}

if (!existsSync(compiled) || statSync(compiled).mtimeMs < newestIn(join(root, 'src'))) {
  process.stderr.write('dist/ is missing or older than src/: building (npx nest build)\n');
  // The build's own output goes to stderr: stdout carries only the signed content.
  const build = spawnSync('npx', ['nest', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    process.stderr.write('the build failed\n');
    process.exit(1);
  }
}

const { signForDevelopment } = await import(pathToFileURL(compiled).href);
const dataDir = resolve(root, process.env.DATA_DIR?.trim() || './data');
const signed = await signForDevelopment(dataDir, content);
process.stderr.write(
  `signed by the development signer (msp_drfo ${signed.drfo}); CA in ${signed.directory}\n`,
);
process.stdout.write(`${signed.signedContent}\n`);
