import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MIN_KEY_LENGTH = 16;

/**
 * The key of the codes' HMAC: `OTP_HASH_KEY` when set, else a random key generated once into
 * `<DATA_DIR>/otp-hash-key` (mode 0600) so codes sent before a restart still verify after it.
 */
export function loadOrCreateHashKey(configured: string | undefined, dataDir: string): string {
  if (configured !== undefined) return configured;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'otp-hash-key');
  try {
    // 'wx' fails when the file exists, so two instances starting together keep one key.
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < MIN_KEY_LENGTH) {
    throw new Error(`${file} holds no usable OTP hash key; delete it to generate a new one`);
  }
  return key;
}
