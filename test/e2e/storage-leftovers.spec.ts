import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';
import { JPEG } from '../support/uploads.js';

const TWO_HOURS_AGO = new Date(Date.now() - 2 * 3_600_000);

/** Files below `root`, as paths relative to it. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

/** Writes a file under `root`, last modified at `at`. */
function leave(root: string, path: string, at?: Date): string {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), JPEG);
  if (at) utimesSync(join(root, path), at, at);
  return path;
}

describe('what a killed process left in the documents, at the next start', () => {
  let dataDir: string;
  let t: TestApp | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ehealth-leftovers-'));
  });
  afterEach(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('removes half-written files and attempts nobody recorded, once they are an hour old', async () => {
    const documents = join(dataDir, 'documents');
    const request = randomUUID();
    const scan = leave(documents, `person_requests/${request}/PASSPORT.jpeg`, TWO_HOURS_AGO);
    // A sign or an upload killed mid-write, and one killed before it removed its attempt.
    leave(documents, `.incoming/${randomUUID()}.part`, TWO_HOURS_AGO);
    leave(
      documents,
      `attempts/${randomUUID()}/person_requests/${request}/signed_content.p7s`,
      TWO_HOURS_AGO,
    );
    leave(
      documents,
      `attempts/${randomUUID()}/person_requests/${request}/PASSPORT.jpeg`,
      TWO_HOURS_AGO,
    );
    // What another instance sharing the storage is writing right now.
    const writing = leave(documents, `.incoming/${randomUUID()}.part`);
    const attempting = leave(
      documents,
      `attempts/${randomUUID()}/person_requests/${request}/signed_content.p7s`,
    );

    t = await createTestApp({ env: { DATA_DIR: dataDir } });

    // A removed file's empty directories go right after it: wait for both.
    await until(
      'the leftovers removed',
      () =>
        filesUnder(documents).length === 3 && readdirSync(join(documents, 'attempts')).length === 1,
    );
    expect(filesUnder(documents)).toEqual([writing, attempting, scan].sort());
    // The directories of removed attempts go with them.
    expect(readdirSync(join(documents, 'attempts'))).toEqual([attempting.split('/')[1]]);
  }, 15_000);
});
