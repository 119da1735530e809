import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../../src/platform/database/embedded-postgres.js';
import { createTestDatabase } from '../../support/database.js';
import { TEST_JWT_SECRET, tokenFor } from '../../support/tokens.js';
import { v3Body } from '../../support/v3.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * Preloaded into the service: appends to RECORD_LOADS each package that a require() finds in
 * node_modules (a package the bundle holds must not be loaded a second time from there).
 */
const RECORD_LOADS = `
const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const seen = new Set();
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (...args) {
  const path = resolveFilename.apply(this, args);
  const found = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(path);
  if (found && found[1] !== '.cache' && !seen.has(found[1])) {
    seen.add(found[1]);
    appendFileSync(process.env.RECORD_LOADS, found[1].replace('\\\\', '/') + '\\n');
  }
  return path;
};
`;

/**
 * The standalone service as `npm run build` leaves it: compiled, then bundled into one file
 * (scripts/bundle.mjs) that dist/main.js loads. Bundling can break what a framework finds at run
 * time (a second copy of a package loaded by name, a file read beside a package, class names), so
 * the bundle is built here, into a directory of its own, and served over HTTP.
 */
describe('the bundled standalone service, with every compiled module but main.js removed', () => {
  let out: string;
  let data: string;
  let child: ChildProcess | undefined;
  let base: string;
  const stderr: string[] = [];
  const auth = {
    authorization: `Bearer ${tokenFor(['person_request:write', 'person_request:read'])}`,
  };

  beforeAll(async () => {
    // Inside node_modules, so that the bundle resolves its external packages as dist/ does.
    mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
    out = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'ehealth-bundle-'));
    data = mkdtempSync(join(tmpdir(), 'ehealth-bundle-data-'));
    await run(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    );
    await run(process.execPath, [join(ROOT, 'scripts/bundle.mjs'), out], { cwd: ROOT });
    // Only the entry and the bundle are left: what answers below can only come from the bundle.
    for (const entry of readdirSync(out)) {
      if (!['main.js', 'service.bundle.js', 'service.bundle.js.map'].includes(entry)) {
        rmSync(join(out, entry), { recursive: true, force: true });
      }
    }
    writeFileSync(join(out, 'record-loads.cjs'), RECORD_LOADS);
    writeFileSync(join(out, 'loads.txt'), '');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(
      process.execPath,
      ['--require', join(out, 'record-loads.cjs'), join(out, 'main.js')],
      {
        cwd: data,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'development',
          DATABASE_URL: await createTestDatabase('bundle'),
          DATA_DIR: data,
          PORT: String(port),
          JWT_SECRET: TEST_JWT_SECRET,
          LOG_LEVEL: 'warn',
          SHUTDOWN_GRACE_MS: '1500',
          RECORD_LOADS: join(out, 'loads.txt'),
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(String(chunk)));
    for (let i = 0; ; i++) {
      const ready = await fetch(`${base}/health/ready`).then(
        (r) => r.status,
        () => 0,
      );
      if (ready === 200) break;
      if (i > 600 || child.exitCode !== null) {
        throw new Error(`the bundled service did not get ready (${ready}): ${stderr.join('')}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(async () => {
    // The service drains on SIGTERM; should it not be gone in 10 s, it is killed, so that neither
    // it nor the connections to it outlive this file.
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child!.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(out, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('answers readiness from its database, and refuses a call without a token in the envelope', async () => {
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    const anonymous = await fetch(`${base}/api/v3/person_requests`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ meta: { code: 401 }, error: {} });
  });

  it('loads from node_modules only what the bundle leaves out, never a second copy of what it holds', () => {
    const loaded = readFileSync(join(out, 'loads.txt'), 'utf8').split('\n').filter(Boolean);
    // pg is left out on purpose (TypeORM loads its driver by name); it was loaded, so the
    // recording works.
    expect(loaded).toContain('pg');
    // A second TypeORM (through @nestjs/typeorm's createRequire) or the AWS SDK without a bucket
    // cost a start about 0.3 and 0.2 s on Node 20 (scripts/bundle.mjs, s3-sdk.ts).
    const bundled =
      /^(typeorm|reflect-metadata|rxjs|fastify|class-validator|class-transformer|@nestjs\/.*|@aws-sdk\/.*|@smithy\/.*)$/;
    expect(loaded.filter((name) => bundled.test(name))).toEqual([]);
  });

  it('validates a body with its declared rules (a broken body is a 422 naming the field)', async () => {
    const res = await fetch(`${base}/api/v3/person_requests`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(v3Body({ person: { birth_date: 'yesterday' } })),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { invalid: { entry: string }[] } };
    expect(body.error.invalid.map((i) => i.entry)).toContain('$.person.birth_date');
  });

  it('creates a person request, reads it back and sends its code again', async () => {
    const created = await fetch(`${base}/api/v3/person_requests`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(v3Body()),
    });
    expect(created.status).toBe(201);
    const { data: request } = (await created.json()) as { data: { id: string; status: string } };
    expect(request.status).toBe('NEW');
    const read = await fetch(`${base}/api/v3/person_requests/${request.id}`, { headers: auth });
    expect(read.status).toBe(200);
    const resend = await fetch(`${base}/api/person_requests/${request.id}/actions/resend_otp`, {
      method: 'POST',
      headers: auth,
    });
    expect([200, 429]).toContain(resend.status);
  });

  it('serves the API explorer with its assets, and its OpenAPI document', async () => {
    const page = await fetch(`${base}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const asset = /src="([^"]*swagger-ui-bundle\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(new URL(asset!, `${base}/api/docs/`));
    expect(script.status).toBe(200);
    // Read to the end: an unread body of this size (over a megabyte) leaves the service writing
    // it, and its drain on SIGTERM then waits for that connection.
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(0);
    const document = await fetch(`${base}/api/docs-json`);
    expect(document.status).toBe(200);
    expect(((await document.json()) as { paths: object }).paths).toHaveProperty([
      '/api/persons/{id}/authentication_method_requests/{request_id}/actions/approve',
    ]);
  });

  // Last: it stops the service.
  it('stops on SIGTERM after SHUTDOWN_GRACE_MS even while a client stalls a request', async () => {
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise((r) => socket.once('connect', r));
    const closed = new Promise((r) => socket.once('close', r));
    // A JSON body announced at 1,000 bytes, of which 6 arrive: the request stays in flight.
    socket.write(
      'POST /api/v3/person_requests HTTP/1.1\r\nHost: localhost\r\n' +
        `Authorization: ${auth.authorization}\r\nContent-Type: application/json\r\n` +
        'Content-Length: 1000\r\n\r\n{"a": ',
    );
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    const t0 = Date.now();
    child!.kill('SIGTERM');
    const code = await exited;
    const waited = Date.now() - t0;
    await closed;
    expect(code).toBe(0);
    // It waited for the request (a stop with nothing in flight takes well under a second) ...
    expect(waited).toBeGreaterThanOrEqual(1400);
    // ... and not for the request's own time limit (HTTP_REQUEST_TIMEOUT_MS, 180 s).
    expect(waited).toBeLessThan(20_000);
  });
});
