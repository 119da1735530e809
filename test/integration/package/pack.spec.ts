import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase } from '../../support/database.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');

describe('the packed module in another Nest application', () => {
  let work: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'ehealth-pack-'));
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('installs from the tarball and serves the REST routes in an Express host and in a Fastify host', async () => {
    const packed = await run('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const [{ filename, files }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as {
      filename: string;
      files: { path: string }[];
    }[];
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'package.json']),
    );
    expect(paths.some((p) => p.startsWith('src/') || p.startsWith('test/'))).toBe(false);

    const app = join(work, 'app');
    cpSync(join(ROOT, 'examples/consumer'), app, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as Record<
      string,
      any
    >;
    manifest.dependencies['ehealth-auth-methods'] = `file:${join(work, filename)}`;
    writeFileSync(join(app, 'package.json'), JSON.stringify(manifest, null, 2));
    await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      {
        cwd: app,
        maxBuffer: 16 * 1024 * 1024,
      },
    );

    for (const platform of ['express', 'fastify']) {
      const { stdout } = await run('node', ['main.mjs', platform], {
        cwd: app,
        env: { ...process.env, DATABASE_URL: await createTestDatabase(`pack_${platform}`) },
      });
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
      expect(result).toEqual({
        platform,
        person: 201,
        request: 201,
        documents: ['PASSPORT'],
        approveBeforeUpload: [409, 'Documents PASSPORT is not uploaded'],
        upload: [
          200,
          {
            key: expect.stringMatching(
              /^authentication_method_requests\/[0-9a-f-]{36}\/PASSPORT\.jpeg$/,
            ),
            size: 11,
          },
        ],
        approve: [201, 'COMPLETED'],
        metrics: [200, true],
        deepJson: [400, 'JSON is nested deeper than 64 levels'],
        anonymous: 401,
        events: [{ verification_status: { new_value: 'VERIFICATION_NEEDED' } }],
      });
    }
  }, 300_000);
});
