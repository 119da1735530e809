import type { TestApp } from './test-app.js';

/** The smallest body the upload route takes for a JPEG: its magic bytes and a little more. */
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

/** Path and query of an upload URL (its origin is PUBLIC_URL, not the test port). */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** PUTs a JPEG to a signed upload URL through this app's own route; the answer is not checked. */
export function putJpeg(t: TestApp, url: string, body: Buffer = JPEG) {
  return t.http.put(pathOf(url)).set('Content-Type', 'image/jpeg').send(body);
}

/** Uploads a scan to each signed URL of `urgent.documents` (through this app's own route). */
export async function uploadScans(
  t: TestApp,
  documents: readonly { readonly url: string }[],
): Promise<void> {
  for (const document of documents) await putJpeg(t, document.url).expect(200);
}
