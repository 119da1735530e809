// The bench measures the built service as `npm start` runs it (`node dist/main.js`, which loads
// the bundle dist/service.bundle.js) and imports its SQL from dist/, so a dist/ older than src/,
// or one without the bundle, would measure something else: it is rebuilt first (`npm run build`).
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

/**
 * Runs `npm run build` when dist/main.js or the bundle is missing, or older than anything under
 * src/ or than the bundler script.
 */
export function buildIfStale() {
  const built = Math.min(
    ...['main.js', 'service.bundle.js'].map((file) => {
      const path = join(ROOT, 'dist', file);
      return existsSync(path) ? statSync(path).mtimeMs : 0;
    }),
  );
  const sources = Math.max(
    newestMtime(join(ROOT, 'src')),
    statSync(join(ROOT, 'scripts', 'bundle.mjs')).mtimeMs,
  );
  if (built > 0 && built >= sources) return;
  log(built === 0 ? 'dist/ is missing: npm run build' : 'dist/ is older than src/: npm run build');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}
