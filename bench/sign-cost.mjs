// What one signature verification costs, refused or accepted: times the built CMS verifier
// (dist/) on the messages the bounds test writes, outside Jest (under which the same
// verifications ran 4–10 times slower here).
//
//   SIGN_COST_MESSAGES=/tmp/sign-cost npx jest test/integration/signature/cms-signature-bounds.spec.ts
//   node bench/sign-cost.mjs /tmp/sign-cost [runs]
//
// Builds dist/ first when it is missing. Prints one line per message: its size, the median and
// the slowest of `runs` verifications (default 21, after one warm-up), and the verdict, which
// must be the one the test saw (the script exits 1 otherwise).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Certificate } from 'pkijs';

const root = fileURLToPath(new URL('..', import.meta.url));
const compiled = join(root, 'dist', 'signature', 'adapters', 'cms', 'cms-signature-verifier.js');
const [dir, runsArgument = '21'] = process.argv.slice(2);
const runs = Number(runsArgument);
if (!dir || !existsSync(join(dir, 'manifest.json')) || !(runs >= 1)) {
  process.stderr.write('usage: node bench/sign-cost.mjs <SIGN_COST_MESSAGES dir> [runs]\n');
  process.exit(2);
}
if (!existsSync(compiled)) {
  process.stderr.write('dist/ is missing: npx nest build\n');
  const build = spawnSync('npx', ['nest', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

const { CmsSignatureVerifier } = await import(pathToFileURL(compiled).href);
const anchor = Certificate.fromBER(new Uint8Array(readFileSync(join(dir, 'anchor.der'))));
const verifier = new CmsSignatureVerifier([anchor]);
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

const verdictOf = (result) => (result.kind === 'invalid' ? result.message : result.kind);
const ms = (value) => value.toFixed(value < 10 ? 2 : 1).padStart(7);
process.stdout.write(
  `node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, ` + `${runs} runs each\n\n    bytes  median     max  message → verdict\n`,
);
let mismatches = 0;
for (const { file, name, verdict } of manifest) {
  const bytes = new Uint8Array(readFileSync(join(dir, file)));
  const seen = verdictOf(await verifier.verify(bytes));
  if (seen !== verdict) {
    mismatches += 1;
    process.stdout.write(`!! ${name}: ${seen}, the test saw ${verdict}\n`);
  }
  const times = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await verifier.verify(bytes);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  process.stdout.write(
    `${String(bytes.byteLength).padStart(9)} ${ms(median)} ${ms(times.at(-1))}  ${name} → ${seen}\n`,
  );
}
process.exit(mismatches === 0 ? 0 : 1);
