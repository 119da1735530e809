import jwt from 'jsonwebtoken';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
export const TEST_USER_ID = '5b3b6a5e-52c2-4d6b-8a39-3c1f1c7f0a11';
export const TEST_CLIENT_ID = '8a1d6d12-4b9e-4f5c-9a0b-0c3d3e4f5a6b';

export interface TokenOptions {
  readonly sub?: string;
  readonly clientId?: string;
  readonly expiresIn?: number;
  readonly secret?: string;
  readonly extra?: Record<string, unknown>;
}

/** Signs an HS256 token with the test key and the given scopes. */
export function tokenFor(scopes: string[] | string, options: TokenOptions = {}): string {
  return jwt.sign(
    {
      scope: Array.isArray(scopes) ? scopes.join(' ') : scopes,
      client_id: options.clientId ?? TEST_CLIENT_ID,
      ...options.extra,
    },
    options.secret ?? TEST_JWT_SECRET,
    {
      algorithm: 'HS256',
      subject: options.sub ?? TEST_USER_ID,
      expiresIn: options.expiresIn ?? 3600,
    },
  );
}

export const ALL_SCOPES = [
  'person_request:write',
  'person_request:read',
  'authentication_method_request:write',
  'authentication_method_request:read',
  'person:read',
  'person:write',
  'otp_verification:write',
  'otp_verification:read',
  'event:read',
];
