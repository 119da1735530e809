// The bench measures the built service (`node dist/main.js`) and imports its SQL from dist/, so a
// dist/ older than src/ would measure code that is no longer there: it is rebuilt first.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { log } from './log.mjs';
import { ROOT } from './options.mjs';

/** Newest mtime of the files and directories under dir (a deleted file touches its directory). */
function newestMtime(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Runs `nest build` when dist/main.js is missing or older than anything under src/. */
export function buildIfStale() {
  const main = join(ROOT, 'dist', 'main.js');
  const built = existsSync(main) ? statSync(main).mtimeMs : 0;
  if (built > 0 && built >= newestMtime(join(ROOT, 'src'))) return;
  log(
    built === 0 ? 'dist/ is missing: npx nest build' : 'dist/ is older than src/: npx nest build',
  );
  const result = spawnSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('nest build failed');
}
