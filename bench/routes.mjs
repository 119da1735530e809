// The routes added beside the two of the mission, in the bench's read and write mix: a v2 person
// request read, the version-neutral list, both person searches, a person's confidant
// relationships, the audit log, and a create retried with its X-Idempotency-Key (a replay).
// Each is one row, measured as the read run is (same warm-up, duration and connections).
/* global fetch */
import { randomUUID } from 'node:crypto';
import { measure } from './rows.mjs';
import { authHeaders } from './tokens.mjs';

const EXTRA_SCOPES = [
  'confidant_person_relationship:read',
  'audit_log:read',
  'person_request:read',
  'person:read',
];

function headers({ json = false, key } = {}) {
  const base = authHeaders({ json, scopes: EXTRA_SCOPES });
  return key ? { ...base, 'x-idempotency-key': key } : base;
}

async function create(instance, path, body, key) {
  const res = await fetch(`${instance.base}${path}`, {
    method: 'POST',
    headers: headers({ json: true, key }),
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()).data.id;
}

/**
 * Measures each route on `system`; `personId` is a person the seeder wrote (its relationships
 * are listed), `examples` the v2 and v3 bodies the explorer shows.
 */
export async function routeRows(system, { personId, examples }) {
  const instance = system.instances[0];
  const v2Id = await create(instance, '/api/v2/person_requests', examples.v2);
  const key = randomUUID();
  const v3Body = JSON.stringify(examples.v3);
  await create(instance, '/api/v3/person_requests', examples.v3, key);
  const read = (label, path) => measure(label, system, { path, headers: headers() });
  return [
    await read('read: GET /api/v2/person_requests/{id}', `/api/v2/person_requests/${v2Id}`),
    await read(
      'list: GET /api/person_requests (every version)',
      '/api/person_requests?page_size=50',
    ),
    await read(
      'search: GET /api/persons (v1, no match)',
      '/api/persons?first_name=Bench&last_name=Nobody&birth_date=1980-01-02',
    ),
    await read(
      'search: GET /api/v2/persons (no match)',
      '/api/v2/persons?first_name=Bench&birth_date=1980-01-02&language=uk',
    ),
    await read(
      'list: GET /api/persons/{id}/confidant_person_relationships',
      `/api/persons/${personId}/confidant_person_relationships`,
    ),
    await read('list: GET /api/audit_log', '/api/audit_log?page_size=50'),
    await measure('replay: POST /api/v3/person_requests (X-Idempotency-Key)', system, {
      path: '/api/v3/person_requests',
      method: 'POST',
      headers: headers({ json: true, key }),
      body: v3Body,
    }),
  ];
}
