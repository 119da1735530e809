import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';

export const DEV_KEY_FILE = 'dev-jwt-secret';

/**
 * In development with no key configured, a secret is generated once into DATA_DIR and shared by
 * the service and `npm run token`, so tokens keep working across restarts.
 */
export function withDevelopmentKey(config: AppConfig): AppConfig {
  if (config.jwt.secret !== undefined || config.jwt.publicKey !== undefined) return config;
  if (config.nodeEnv === 'production') return config;
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, DEV_KEY_FILE);
  if (!existsSync(file))
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return { ...config, jwt: { ...config.jwt, secret: readFileSync(file, 'utf8').trim() } };
}
