// Who the bench is to the service: one client with one caller, and the tokens it sends. Tokens
// are HS256 with `iat` now, `exp` in 1 h, a UUID `sub` and a UUID `client_id`, minted afresh for
// every run. A client sees only its own requests, so every request the bench seeds carries this
// client_id.
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** Shared with the service instances through JWT_SECRET. */
export const JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';
/** The bench's caller: `sub` of its tokens and the actor of the ceiling's writes. */
export const ACTOR = randomUUID();
/** `client_id` of its tokens; every seeded request belongs to it. */
export const CLIENT_ID = randomUUID();

/** A fresh bench token: HS256, iat now, exp in 1 h, UUID sub and client_id, no crit header. */
export function authHeaders({ json = true, scopes = [] } = {}) {
  const token = jwt.sign(
    {
      scope: [
        'person_request:write',
        'person_request:read',
        'authentication_method_request:write',
        'authentication_method_request:read',
        'person:read',
        ...scopes,
      ].join(' '),
      client_id: CLIENT_ID,
    },
    JWT_SECRET,
    { algorithm: 'HS256', subject: ACTOR, expiresIn: 3600 },
  );
  return {
    authorization: `Bearer ${token}`,
    ...(json ? { 'content-type': 'application/json' } : {}),
  };
}
