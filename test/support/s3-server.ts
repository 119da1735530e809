import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The part of @20minutes/s3rver (a CommonJS package without types) the tests use. */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

// These machines run Node 20 on purpose (the SDK is pinned for it); its notice that later
// releases will need Node 22 would only clutter the test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const require = createRequire(import.meta.url);
const S3rver = require('@20minutes/s3rver') as S3rverClass;

/**
 * s3rver checks the signature of a bucket-level call (ListObjectsV2) against the path `/bucket`,
 * while the SDK sends and signs `/bucket/`, as S3 itself expects: every listing was a 403. The
 * canonical path is put back as it was sent, so that the server checks what S3 checks.
 */
const v4 = require('@20minutes/s3rver/lib/signature/v4') as {
  getStringToSign(canonical: { uri: string }, request: unknown): string;
};
const stringToSign = v4.getStringToSign.bind(v4);
v4.getStringToSign = (canonical, request) =>
  stringToSign(
    /^\/[^/]+$/.test(canonical.uri) ? { ...canonical, uri: `${canonical.uri}/` } : canonical,
    request,
  );

/** s3rver's own account: it checks V4 signatures made with this key pair. */
const ACCESS_KEY_ID = 'S3RVER';
const SECRET_ACCESS_KEY = 'S3RVER';
/** How s3rver's filesystem store names an object's bytes. */
const OBJECT_SUFFIX = '._S3rver_object';

export interface S3Server {
  readonly endpoint: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The service's environment for this server (DOCUMENT_STORAGE=s3 and the S3_* variables). */
  readonly env: Record<string, string>;
  /** Keys of the complete objects in the bucket (an unfinished multipart upload is none). */
  objectKeys(): string[];
  /** The bytes of the object under the key, read from the server's files. */
  objectBytes(key: string): Buffer;
  /** Stops the server and deletes its files; later calls do nothing. */
  stop(): Promise<void>;
}

/**
 * An S3-compatible server for the tests (@20minutes/s3rver, which checks V4 signatures) on a free
 * port of 127.0.0.1, keeping its files in a fresh temporary directory, with one bucket. The bucket
 * is made through `configureBuckets`: s3rver refuses the SDK's bucket-level calls (403).
 */
export async function startS3Server(bucket = 'ehealth-documents'): Promise<S3Server> {
  const directory = mkdtempSync(join(tmpdir(), 's3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    bucket,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET_ACCESS_KEY,
    env: {
      DOCUMENT_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
    },
    objectKeys: () =>
      (readdirSync(join(directory, bucket), { recursive: true }) as string[])
        .filter((path) => path.endsWith(OBJECT_SUFFIX) && !path.startsWith('._S3rver_uploads'))
        .map((path) => path.slice(0, -OBJECT_SUFFIX.length))
        .sort(),
    objectBytes: (key) => readFileSync(join(directory, bucket, `${key}${OBJECT_SUFFIX}`)),
    stop: () => {
      stopped ??= server.close().finally(() => rmSync(directory, { recursive: true, force: true }));
      return stopped;
    },
  };
}
