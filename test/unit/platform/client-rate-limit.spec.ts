import { ClientLimits, readLeaseBlock } from '../../../src/platform/rate-limit/client-limits.js';
import { ClientRateLimit } from '../../../src/platform/rate-limit/client-rate-limit.js';
import { loadConfig } from '../../../src/platform/config/app-config.js';
import { InMemoryRateWindows } from '../../support/fakes/in-memory-rate-windows.js';
import { FixedClock } from '../../support/fixed-clock.js';

const T0 = new Date('2026-11-23T10:00:00.000Z');

/** Takes `n` slots one after another; the decisions in order. */
async function takeMany(limit: ClientRateLimit, clientId: string, n: number) {
  const decisions = [];
  for (let i = 0; i < n; i++) decisions.push(await limit.take(clientId));
  return decisions;
}

const allowedCount = (decisions: { allowed: boolean }[]) =>
  decisions.filter((d) => d.allowed).length;

describe('a per-client limit served from leased slots', () => {
  let windows: InMemoryRateWindows;
  let clock: FixedClock;
  beforeEach(() => {
    windows = new InMemoryRateWindows();
    clock = new FixedClock(T0);
  });

  it('serves a whole block of calls with one lease of the shared count', async () => {
    const reads = new ClientRateLimit('reads', 3000, 60, windows, clock);
    expect(allowedCount(await takeMany(reads, 'a', 120))).toBe(120);
    expect(windows.leases.map((l) => l.granted)).toEqual([60, 60]);
  });

  it('never lets two instances together pass the limit, and serves it exactly once both are drained', async () => {
    const one = new ClientRateLimit('reads', 100, 8, windows, clock);
    const two = new ClientRateLimit('reads', 100, 8, windows, clock);
    let allowed = 0;
    for (let i = 0; i < 150; i++) {
      if ((await (i % 3 === 0 ? one : two).take('a')).allowed) allowed += 1;
      expect(windows.used('reads', 'a', T0)).toBeLessThanOrEqual(100);
    }
    allowed += allowedCount(await takeMany(one, 'a', 20));
    allowed += allowedCount(await takeMany(two, 'a', 20));
    expect(allowed).toBe(100);
  });

  it('refuses past the limit with the seconds to the next minute, then remembers it without a lease', async () => {
    const signs = new ClientRateLimit('sign_attempts', 3, 1, windows, clock);
    await takeMany(signs, 'a', 3);
    clock.advance(20_500);
    expect(await signs.take('a')).toEqual({ allowed: false, retryAfterSeconds: 40 });
    const leases = windows.leases.length;
    expect(await signs.take('a')).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(windows.leases).toHaveLength(leases);
  });

  it('counts each client apart', async () => {
    const reads = new ClientRateLimit('reads', 5, 1, windows, clock);
    await takeMany(reads, 'greedy', 6);
    expect(await reads.take('other')).toEqual({ allowed: true });
  });

  it('starts a new count in the next minute and drops the leases of the last one', async () => {
    const reads = new ClientRateLimit('reads', 10, 5, windows, clock);
    expect(allowedCount(await takeMany(reads, 'a', 11))).toBe(10);
    clock.advance(60_000);
    expect(allowedCount(await takeMany(reads, 'a', 3))).toBe(3);
    expect(windows.leases.at(-1)).toMatchObject({ wanted: 5, granted: 5 });
  });

  it('takes what is left when the window holds less than a block', async () => {
    const one = new ClientRateLimit('reads', 10, 8, windows, clock);
    const two = new ClientRateLimit('reads', 10, 8, windows, clock);
    await one.take('a');
    expect(allowedCount(await takeMany(two, 'a', 5))).toBe(2);
    expect(windows.leases.map((l) => l.granted)).toEqual([8, 2, 0]);
  });

  it('lets concurrent calls that find the lease empty each lease, never past the limit', async () => {
    const reads = new ClientRateLimit('reads', 10, 4, windows, clock);
    const decisions = await Promise.all(Array.from({ length: 12 }, () => reads.take('a')));
    expect(allowedCount(decisions)).toBe(10);
  });

  it('keeps separate counts for separate limits of one client', async () => {
    const reads = new ClientRateLimit('reads', 2, 1, windows, clock);
    const writes = new ClientRateLimit('writes', 2, 1, windows, clock);
    await takeMany(reads, 'a', 3);
    expect(await writes.take('a')).toEqual({ allowed: true });
  });

  it.each([
    [0, false],
    [1, true],
  ])('is enabled with a limit of %i: %s', (perMinute, enabled) => {
    expect(new ClientRateLimit('reads', perMinute, 1, windows, clock).enabled).toBe(enabled);
  });
});

describe('the service limits', () => {
  it.each([
    [1, 1],
    [49, 1],
    [50, 1],
    [100, 2],
    [200, 4],
    [3000, 60],
    [5000, 100],
    [1_000_000, 100],
  ])('leases reads of a limit of %i in blocks of %i', (perMinute, block) => {
    expect(readLeaseBlock(perMinute)).toBe(block);
  });

  it('counts writes and sign attempts one by one, reads in blocks, each under its own name', () => {
    const limits = new ClientLimits(
      new InMemoryRateWindows(),
      new FixedClock(T0),
      loadConfig({ RATE_LIMIT_WRITES_PER_MINUTE: '30' }),
    );
    expect(
      [limits.writes, limits.reads, limits.signAttempts].map((l) => [l.name, l.perMinute, l.block]),
    ).toEqual([
      ['writes', 30, 1],
      ['reads', 3000, 60],
      ['sign_attempts', 60, 1],
    ]);
  });
});
