// Start to ready: how long `node dist/main.js` takes from spawn to a 200 on /health/ready when it
// runs standalone, with no DATABASE_URL, on its own embedded PostgreSQL and an already
// initialised DATA_DIR (the first, untimed start initialises it). It runs first, while the
// machine is still quiet, and reports the median of BENCH_START_RUNS starts.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { log } from './log.mjs';
import { ROOT, START_RUNS } from './options.mjs';
import { serviceEnv, stopChild, waitReady } from './services.mjs';

/** The start-to-ready result; a start that fails makes it invalid, not the bench crash. */
export async function measureStartup(tmp, freePort) {
  const dataDir = join(tmp, 'startup-data');
  const cwd = join(tmp, 'startup-cwd'); // no .env there: DATABASE_URL stays unset
  mkdirSync(cwd, { recursive: true });
  const startOnce = async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const stderr = [];
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
      cwd,
      env: serviceEnv({ DATABASE_URL: undefined, PORT: String(port), DATA_DIR: dataDir }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (chunk) => {
      stderr.push(String(chunk));
      if (stderr.length > 20) stderr.shift();
    });
    try {
      await waitReady(base, child, { intervalMs: 5 });
      return performance.now() - t0;
    } catch (error) {
      throw new Error(`${error.message}\n${stderr.join('')}`, { cause: error });
    } finally {
      await stopChild(child);
    }
  };
  const result = {
    name: 'start to ready',
    measured: true,
    runs_ms: [],
    median_ms: null,
    valid: true,
    invalid_reason: null,
  };
  try {
    log('start to ready: first start initialises DATA_DIR (not timed)');
    const first = await startOnce();
    result.first_start_ms = Math.round(first);
    for (let i = 0; i < START_RUNS; i++) result.runs_ms.push(Math.round(await startOnce()));
    const sorted = [...result.runs_ms].sort((a, b) => a - b);
    result.median_ms = sorted[Math.floor(sorted.length / 2)];
    log(`start to ready: ${result.runs_ms.join(', ')} ms, median ${result.median_ms} ms`);
  } catch (error) {
    result.valid = false;
    result.invalid_reason = `a start failed: ${error.message.split('\n')[0]}`;
    log(`start to ready: INVALID — ${error.message}`);
  } finally {
    // A killed service leaves its embedded PostgreSQL running: stop it (we started it).
    const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        process.kill(pid, 'SIGINT');
        await sleep(1000);
      } catch {
        // not running
      }
    }
  }
  return result;
}
