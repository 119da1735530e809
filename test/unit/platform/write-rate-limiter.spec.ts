import { FixedWindowLimiter } from '../../../src/platform/auth/write-rate-limiter.js';

describe('fixed-window write limiter', () => {
  const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);

  it('allows the limit per window and names the seconds to the next one', () => {
    const limiter = new FixedWindowLimiter(2);
    expect(limiter.take('a', T0)).toEqual({ allowed: true });
    expect(limiter.take('a', T0 + 1)).toEqual({ allowed: true });
    expect(limiter.take('a', T0 + 20_500)).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(limiter.take('a', T0 + 59_999)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b', T0 + 59_999)).toEqual({ allowed: true });
    expect(limiter.take('a', T0 + 60_000)).toEqual({ allowed: true });
  });

  it('forgets ended windows once it tracks many clients', () => {
    const limiter = new FixedWindowLimiter(1, 60_000, 3);
    for (const key of ['a', 'b', 'c']) limiter.take(key, T0);
    limiter.take('d', T0 + 60_000);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBe(1);
    expect(limiter.take('a', T0 + 60_000)).toEqual({ allowed: true });
  });
});
