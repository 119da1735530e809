// The service processes under test: the built service (`node dist/main.js`), as it runs in
// production, started and stopped by the bench. They run with NODE_ENV=development,
// LOG_LEVEL=warn and every per-client limit off (OTP_RESEND_INTERVAL_SECONDS=0,
// SMS_PER_CLIENT_PER_HOUR=0, RATE_LIMIT_WRITES_PER_MINUTE=0, READS_PER_CLIENT_PER_MINUTE=0,
// SIGN_ATTEMPTS_PER_CLIENT_PER_MINUTE=0): the bench is one client sending far more than a client
// may, and it measures the service, not the limits.
/* global fetch */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { log } from './log.mjs';
import { POOL_SIZE, PROFILE, RESULTS, ROOT } from './options.mjs';
import { procStatus } from './process-stats.mjs';
import { JWT_SECRET } from './tokens.mjs';

/** Resolves once `base` answers 200 on /health/ready; throws if the child exits first. */
export async function waitReady(base, child, { timeoutMs = 60_000, intervalMs = 100 } = {}) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`service exited with ${child.exitCode ?? child.signalCode}`);
    try {
      const res = await fetch(`${base}/health/ready`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(intervalMs);
  }
  throw new Error(`service not ready after ${timeoutMs / 1000} s`);
}

/** SIGTERM, then SIGKILL after 15 s; resolves when the process has exited. */
export async function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** The environment of a service process; a key set to undefined is removed. */
export function serviceEnv(extra) {
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    OTP_RESEND_INTERVAL_SECONDS: '0',
    SMS_PER_CLIENT_PER_HOUR: '0',
    RATE_LIMIT_WRITES_PER_MINUTE: '0',
    // The bench's one client reads far more than a client may in a minute: it measures the
    // service, not the limit.
    READS_PER_CLIENT_PER_MINUTE: '0',
    SIGN_ATTEMPTS_PER_CLIENT_PER_MINUTE: '0',
    ...extra,
  };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}

/** Starts one instance on the bench's database and waits until it is ready. */
export async function startService({ index, databaseUrl, dataDir, freePort }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const nodeArgs = PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS, 'profiles')}`, 'dist/main.js']
    : ['dist/main.js'];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    env: serviceEnv({ DATABASE_URL: databaseUrl, PORT: String(port), DATA_DIR: dataDir }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitReady(base, child);
  log(
    `instance ${index + 1}: pid ${child.pid} on ${base}, boot RSS ${procStatus(child.pid).rssMb.toFixed(0)} MB`,
  );
  return { index, base, child, pid: child.pid };
}
