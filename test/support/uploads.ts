import type { TestApp } from './test-app.js';

/** The smallest body the upload route takes for a JPEG: its magic bytes and a little more. */
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

/** Uploads a scan to each signed URL of `urgent.documents` (through this app's own route). */
export async function uploadScans(
  t: TestApp,
  documents: readonly { readonly url: string }[],
): Promise<void> {
  for (const document of documents) {
    const url = new URL(document.url);
    await t.http
      .put(url.pathname + url.search)
      .set('Content-Type', 'image/jpeg')
      .send(JPEG)
      .expect(200);
  }
}
