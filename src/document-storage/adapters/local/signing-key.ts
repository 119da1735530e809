import { randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SIGNING_KEY_FILE = 'document-signing-key';
const MIN_LENGTH = 32;

/**
 * The HMAC key of upload URLs: read from `<dataDir>/document-signing-key`, generated there on
 * first use (mode 0600). It lives beside the documents so that URLs handed out before a restart
 * stay valid after it. A new key is written to a temporary file and hard-linked into place, so
 * two processes starting at once agree on one complete key (link refuses to replace a file).
 */
export async function loadOrCreateSigningKey(dataDir: string): Promise<Buffer> {
  const file = join(dataDir, SIGNING_KEY_FILE);
  const existing = await readKey(file);
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const candidate = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(candidate, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    await link(candidate, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(candidate, { force: true });
  }
  const key = await readKey(file);
  if (!key) throw new Error(`${file} was not created`);
  return key;
}

async function readKey(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = text.trim();
  if (key.length < MIN_LENGTH) {
    throw new Error(`${file} holds no usable key (at least ${MIN_LENGTH} characters)`);
  }
  return Buffer.from(key, 'utf8');
}
