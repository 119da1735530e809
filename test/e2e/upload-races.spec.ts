import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { ObjectStore } from '../../src/document-storage/application/object-store.port.js';
import {
  approveOffline,
  keyIn,
  offlineAuthMethodRequest,
  offlinePersonRequest,
  type OfflineRequest,
} from '../support/offline-requests.js';
import { startS3Server, type S3Server } from '../support/s3-server.js';
import { slowUpload } from '../support/slow-upload.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';
import { JPEG, putJpeg } from '../support/uploads.js';

const REFUSED = { type: 'forbidden', message: 'Upload URL signature is invalid or expired' };
/** 25 bytes that pass for a JPEG and differ from the approved scan. */
const REPLACEMENT = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xdb]), Buffer.alloc(21, 9)]);

/** Where the race runs: the instance that takes the upload, the one that approves, the store. */
interface Stage {
  readonly uploader: TestApp;
  readonly approver: TestApp;
  /** The bytes of the document under the key, read past the service. */
  bytes(key: string): Promise<Buffer>;
  /** Every object the store holds, temporary and half-written ones included. */
  storedKeys(): string[];
}

const KINDS: [string, (t: TestApp) => Promise<OfflineRequest>][] = [
  ['an authentication method request', offlineAuthMethodRequest],
  ['a person request', offlinePersonRequest],
];

/** The race of an upload that spans an approve, on the stage `stage()` gives. */
function uploadSpanningApprove(stage: () => Stage): void {
  describe.each(KINDS)('of %s', (_kind, create) => {
    it('refuses with 403 an upload that finishes after the approve, and keeps the approved scan', async () => {
      const { uploader, approver } = stage();
      const request = await create(approver);
      for (const doc of request.documents) await putJpeg(uploader, doc.url).expect(200);
      const [passport, nationalId] = request.documents.map((doc) => keyIn(doc.url));

      // 5 of the 25 bytes, then the approve commits, then the rest of the body.
      const slow = slowUpload(uploader, request.documents[0].url, REPLACEMENT, 5);
      await slow.authorized;
      await approveOffline(approver, request).expect(201);
      slow.finish();
      const answer = await slow.answer;

      expect(answer.status).toBe(403);
      expect(answer.body.error).toEqual(REFUSED);
      await expect(stage().bytes(passport)).resolves.toEqual(JPEG);
      expect(
        stage()
          .storedKeys()
          .filter((key) => key.includes(request.id)),
      ).toEqual([passport, nationalId].sort());
      expect(
        stage()
          .storedKeys()
          .filter((key) => key.startsWith('.incoming/') || key.startsWith('attempts/')),
      ).toEqual([]);
    });

    it('keeps an upload that takes the lock before the approve: the approve waits and approves the new scan', async () => {
      const { uploader, approver } = stage();
      const request = await create(approver);
      for (const doc of request.documents) await putJpeg(uploader, doc.url).expect(200);
      const passport = keyIn(request.documents[0].url);

      // The upload is held after its scan was put in place, still holding the request's lock.
      const store = uploader.app.get(ObjectStore, { strict: false });
      const move = store.move.bind(store);
      let placed!: () => void;
      const inside = new Promise<void>((resolve) => (placed = resolve));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      store.move = async (from, to) => {
        const moved = await move(from, to);
        if (to === passport) {
          placed();
          await gate;
        }
        return moved;
      };
      try {
        const upload = putJpeg(uploader, request.documents[0].url, REPLACEMENT).then((r) => r);
        await inside;
        const approve = approveOffline(approver, request).then((r) => r);
        await untilSomeoneWaitsForALock(approver.pool);
        release();
        expect((await upload).status).toBe(200);
        const approved = await approve;
        expect(approved.status).toBe(201);
      } finally {
        store.move = move;
        release();
      }
      await expect(stage().bytes(passport)).resolves.toEqual(REPLACEMENT);
    });
  });
}

/** Resolves once a session of the test's database waits for a lock another one holds. */
function untilSomeoneWaitsForALock(pool: pg.Pool): Promise<void> {
  return until('a session waiting for a lock', async () => {
    const waiting = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE NOT l.granted AND a.datname = current_database()`,
    );
    return waiting.rows[0].n > 0;
  });
}

describe('an upload that spans an approve, on the local disk', () => {
  let t: TestApp;
  const documents = (): string => join(t.config.dataDir, 'documents');

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
  });
  afterAll(async () => {
    await t.close();
  });

  uploadSpanningApprove(() => ({
    uploader: t,
    approver: t,
    bytes: (key) => readFile(join(documents(), key)),
    storedKeys: () =>
      readdirSync(documents(), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name).slice(documents().length + 1))
        .sort(),
  }));
});

describe('an upload that spans an approve, two instances on S3-compatible storage', () => {
  let s3: S3Server;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    s3 = await startS3Server();
    a = await createTestApp({ listen: true, env: s3.env });
    b = await createTestApp({ listen: true, env: s3.env, databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await s3?.stop();
  });

  uploadSpanningApprove(() => ({
    uploader: b,
    approver: a,
    bytes: (key) => Promise.resolve(s3.objectBytes(key)),
    storedKeys: () => s3.objectKeys(),
  }));
});
