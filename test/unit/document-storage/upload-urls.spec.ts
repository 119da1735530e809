import { UploadUrls } from '../../../src/document-storage/application/upload-urls.js';
import { signUpload } from '../../../src/document-storage/domain/upload-signature.js';
import { FixedClock } from '../../support/fixed-clock.js';

const KEY = 'authentication_method_requests/6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55/PASSPORT.jpeg';
const NOW = new Date('2026-11-23T10:00:00.000Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const SHARED = Buffer.from('k'.repeat(64));
const SETTINGS = { publicUrl: 'https://mpi.example.org', ttlSeconds: 600 };

describe('upload URLs', () => {
  let clock: FixedClock;
  let urls: UploadUrls;

  beforeEach(() => {
    clock = new FixedClock(NOW);
    urls = new UploadUrls(SETTINGS, clock, () => Promise.resolve(SHARED));
  });

  const query = async (key = KEY) => {
    const url = new URL(await urls.sign(key));
    return [url.searchParams.get('expires'), url.searchParams.get('signature')] as const;
  };

  it('point at the public URL with an expiry of now plus the TTL and the shared key’s signature', async () => {
    const url = await urls.sign(KEY);
    expect(url).toBe(
      `https://mpi.example.org/api/uploads/${KEY}?expires=${NOW_SECONDS + 600}` +
        `&signature=${signUpload(SHARED, KEY, NOW_SECONDS + 600)}`,
    );
  });

  it('are accepted until the second they expire', async () => {
    const [expires, signature] = await query();
    clock.advance(600_000);
    await expect(urls.verify(KEY, expires, signature)).resolves.toBe(true);
    clock.advance(1_000);
    await expect(urls.verify(KEY, expires, signature)).resolves.toBe(false);
  });

  it('are accepted by another instance that shares the key, and by no other', async () => {
    const [expires, signature] = await query();
    const sibling = new UploadUrls(SETTINGS, clock, () => Promise.resolve(Buffer.from(SHARED)));
    const stranger = new UploadUrls(SETTINGS, clock, () =>
      Promise.resolve(Buffer.from('x'.repeat(64))),
    );
    await expect(sibling.verify(KEY, expires, signature)).resolves.toBe(true);
    await expect(stranger.verify(KEY, expires, signature)).resolves.toBe(false);
  });

  it('refuse the signature of one key used for another', async () => {
    const [expires, signature] = await query();
    await expect(
      urls.verify(KEY.replace('PASSPORT', 'NATIONAL_ID'), expires, signature),
    ).resolves.toBe(false);
  });

  it('fail as the key source fails (the database is down)', async () => {
    const down = new UploadUrls(SETTINGS, clock, () => Promise.reject(new Error('db down')));
    await expect(down.sign(KEY)).rejects.toThrow('db down');
    await expect(down.verify(KEY, '1', 'x')).rejects.toThrow('db down');
  });
});
