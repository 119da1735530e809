import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReceiveUploadUseCase } from '../../src/document-storage/application/receive-upload.use-case.js';
import type { TestApp } from './test-app.js';
import { pathOf } from './uploads.js';

export interface UploadAnswer {
  readonly status: number;
  readonly body: { data?: unknown; error?: { type: string; message: string } };
}

export interface SlowUpload {
  /** Resolves once the service has accepted the URL and is about to read the body. */
  readonly authorized: Promise<void>;
  /** Sends the rest of the body. */
  finish(): void;
  /** The service's answer, once the whole body went out. */
  readonly answer: Promise<UploadAnswer>;
}

/**
 * A `PUT` of `body` to a signed upload URL of the listening app `t` that sends only the first
 * `sentFirst` bytes (with the whole length declared) and waits: the rest goes out on `finish()`.
 * It stands for a client on a slow line whose upload spans an approve.
 */
export function slowUpload(t: TestApp, url: string, body: Buffer, sentFirst: number): SlowUpload {
  const uploads = t.app.get(ReceiveUploadUseCase);
  const authorize = uploads.authorize.bind(uploads);
  let authorized!: () => void;
  const accepted = new Promise<void>((resolve) => (authorized = resolve));
  // The next URL the app accepts is this one: the tests start one slow upload at a time.
  uploads.authorize = async (...args) => {
    const key = await authorize(...args);
    uploads.authorize = authorize;
    authorized();
    return key;
  };
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const request = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'PUT',
    path: pathOf(url),
    headers: { 'Content-Type': 'image/jpeg', 'Content-Length': String(body.length) },
  });
  const answer = new Promise<UploadAnswer>((resolve, reject) => {
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as UploadAnswer['body'],
        }),
      );
    });
    request.on('error', reject);
  });
  request.write(body.subarray(0, sentFirst));
  return {
    authorized: accepted,
    finish: () => request.end(body.subarray(sentFirst)),
    answer,
  };
}
