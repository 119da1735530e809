import type { DataSource } from 'typeorm';
import { DomainError } from '../../../src/kernel/domain/errors.js';
import type { AppConfig } from '../../../src/platform/config/app-config.js';
import type { KeyClaim } from '../../../src/platform/idempotency/idempotency-store.js';
import { IdempotentRequests } from '../../../src/platform/idempotency/idempotent-requests.js';
import { PostgresIdempotencyStore } from '../../../src/platform/idempotency/postgres-idempotency-store.js';
import { createTestDatabase, migratedDataSource } from '../../support/database.js';
import { FixedClock } from '../../support/fixed-clock.js';

const HOUR_MS = 3_600_000;

describe('idempotency keys on PostgreSQL', () => {
  const sources: DataSource[] = [];
  let url: string;
  const clock = new FixedClock(new Date('2026-11-23T10:00:00.000Z'));
  let seq = 0;

  const store = async (): Promise<PostgresIdempotencyStore> => {
    const dataSource = await migratedDataSource(url);
    sources.push(dataSource);
    return new PostgresIdempotencyStore(dataSource);
  };
  const claimOf = (over: Partial<KeyClaim> = {}): KeyClaim => ({
    clientId: 'client',
    key: `key-${seq++}`,
    fingerprint: 'fp',
    owner: crypto.randomUUID(),
    now: clock.now(),
    ttlMs: 24 * HOUR_MS,
    leaseMs: 60_000,
    ...over,
  });
  const requests = (s: PostgresIdempotencyStore, waitMs: number) =>
    new IdempotentRequests(s, clock, {
      idempotency: { ttlHours: 24, waitMs },
    } as unknown as AppConfig);

  beforeAll(async () => {
    url = await createTestDatabase('idempotency_store');
    // Migrated once, before any test opens connections side by side.
    await store();
  });
  afterAll(async () => {
    await Promise.all(sources.map((s) => s.destroy()));
  });

  it('gives a key to exactly one of many concurrent claims over several connections', async () => {
    const stores = [await store(), await store(), await store()];
    const key = 'raced';
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => stores[i % 3].claim(claimOf({ key }))),
    );
    expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'in_progress')).toHaveLength(29);
  });

  it('says what holds a key: the answer, another request, or the same one still running', async () => {
    const s = await store();
    const first = claimOf();
    expect(await s.claim(first)).toEqual({ kind: 'claimed' });
    const again = { ...first, owner: crypto.randomUUID() };
    expect(await s.claim(again)).toEqual({ kind: 'in_progress' });
    expect(await s.claim({ ...again, fingerprint: 'other' })).toEqual({ kind: 'other_request' });
    // Only the claimant ends its claim.
    await s.complete(again, 500, 'not mine');
    expect(await s.claim(again)).toEqual({ kind: 'in_progress' });
    await s.complete(first, 201, '{"data":1}');
    expect(await s.claim(again)).toEqual({ kind: 'answered', status: 201, body: '{"data":1}' });
    await s.release(first);
    expect(await s.claim(again)).toEqual({ kind: 'answered', status: 201, body: '{"data":1}' });
  });

  it('frees a released key and an expired one, keeps another client apart', async () => {
    const s = await store();
    const first = claimOf();
    await s.claim(first);
    expect(await s.claim({ ...first, clientId: 'another', owner: crypto.randomUUID() })).toEqual({
      kind: 'claimed',
    });
    await s.release(first);
    const second = { ...first, owner: crypto.randomUUID(), fingerprint: 'other' };
    expect(await s.claim(second)).toEqual({ kind: 'claimed' });
    await s.complete(second, 201, '{}');
    const later = new Date(clock.now().getTime() + 24 * HOUR_MS);
    expect(await s.claim({ ...second, owner: crypto.randomUUID(), now: later })).toEqual({
      kind: 'claimed',
    });
  });

  it('lets the same request take over a claim older than the lease, never another request', async () => {
    const s = await store();
    const first = claimOf({ leaseMs: 200 });
    await s.claim(first);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await s.claim({ ...first, fingerprint: 'other', owner: crypto.randomUUID() })).toEqual({
      kind: 'other_request',
    });
    const heir = { ...first, owner: crypto.randomUUID() };
    expect(await s.claim(heir)).toEqual({ kind: 'claimed' });
    // The dead claimant's late answer is not kept; the heir's is.
    await s.complete(first, 201, '"late"');
    await s.complete(heir, 201, '"heir"');
    expect(await s.claim({ ...first, owner: crypto.randomUUID() })).toEqual({
      kind: 'answered',
      status: 201,
      body: '"heir"',
    });
  });

  it('deletes the keys expired before now, and only those', async () => {
    const s = await store();
    const old = claimOf({ clientId: 'sweep', ttlMs: 1000 });
    const young = claimOf({ clientId: 'sweep' });
    await s.claim(old);
    await s.claim(young);
    const swept = await s.deleteExpired(new Date(clock.now().getTime() + 2000));
    expect(swept).toBeGreaterThanOrEqual(1);
    expect(await s.claim({ ...young, owner: crypto.randomUUID() })).toEqual({
      kind: 'in_progress',
    });
    expect(await s.claim({ ...old, owner: crypto.randomUUID() })).toEqual({ kind: 'claimed' });
  });

  it('runs, replays, refuses another request, and waits before 409 (IdempotentRequests)', async () => {
    const s = await store();
    const patient = requests(s, 5000);
    const impatient = requests(s, 150);
    const run = await patient.begin('client', 'flow', 'fp');
    expect(run.kind).toBe('run');
    if (run.kind !== 'run') return;

    const began = Date.now();
    await expect(impatient.begin('client', 'flow', 'fp')).rejects.toMatchObject({
      code: 'conflict',
      message: 'Request with this idempotency key is in progress',
    });
    expect(Date.now() - began).toBeGreaterThanOrEqual(140);
    const reused = await impatient.begin('client', 'flow', 'other').catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(DomainError);
    expect((reused as DomainError).code).toBe('validation');

    const waiting = patient.begin('client', 'flow', 'fp');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await patient.finish(run.held, 201, '{"data":"first"}');
    await expect(waiting).resolves.toEqual({
      kind: 'replay',
      status: 201,
      body: '{"data":"first"}',
    });
  });

  it('gives the key back for an answer it does not keep, so the retry runs', async () => {
    const s = await store();
    const r = requests(s, 0);
    for (const status of [401, 403, 429, 500, 503]) {
      const run = await r.begin('client', `given-back-${status}`, 'fp');
      if (run.kind !== 'run') throw new Error('not claimed');
      await r.finish(run.held, status, '{}');
      expect((await r.begin('client', `given-back-${status}`, 'fp')).kind).toBe('run');
    }
  });
});
