#!/usr/bin/env node
// Prints a JWT for people: `npm run token -- person_request:write person_request:read`.
// Signed with JWT_SECRET when set, otherwise with the development key the service generated
// into DATA_DIR (the same file the service reads). RS256/ES256 deployments sign elsewhere.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import jwt from 'jsonwebtoken';

if (existsSync('.env')) process.loadEnvFile('.env');
const scopes = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
if (scopes.length === 0) {
  process.stderr.write(
    'usage: npm run token -- <scope> [<scope> ...]\n\n' +
      'scopes: person_request:write person_request:read authentication_method_request:write\n' +
      '        authentication_method_request:read person:read person:write\n' +
      '        otp_verification:write otp_verification:read event:read audit_log:read\n\n' +
      'TOKEN_CLIENT_ID and TOKEN_SUB set the client_id and sub claims (requests belong to the\n' +
      'client that created them); TOKEN_HOURS the lifetime (12, at most JWT_MAX_TOKEN_LIFETIME_SECONDS).\n',
  );
  process.exit(2);
}
let secret = process.env.JWT_SECRET?.trim();
if (!secret) {
  if (process.env.JWT_PUBLIC_KEY) {
    process.stderr.write(
      'JWT_PUBLIC_KEY is set: tokens must be signed by your identity provider\n',
    );
    process.exit(1);
  }
  const dir = resolve(process.env.DATA_DIR?.trim() || './data');
  const file = join(dir, 'dev-jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  secret = readFileSync(file, 'utf8').trim();
}
const hours = Number(process.env.TOKEN_HOURS ?? 12);
const token = jwt.sign(
  {
    scope: scopes.join(' '),
    client_id: process.env.TOKEN_CLIENT_ID ?? 'b1f0a7c2-3d4e-4f5a-8b6c-7d8e9f0a1b2c',
    ...(process.env.JWT_ISSUER ? { iss: process.env.JWT_ISSUER } : {}),
    ...(process.env.JWT_AUDIENCE ? { aud: process.env.JWT_AUDIENCE } : {}),
  },
  secret,
  { algorithm: 'HS256', subject: process.env.TOKEN_SUB ?? randomUUID(), expiresIn: `${hours}h` },
);
process.stdout.write(`${token}\n`);
