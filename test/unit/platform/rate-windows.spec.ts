import { windowAt } from '../../../src/platform/rate-limit/rate-windows.js';

describe('rate-limit windows', () => {
  const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);

  it.each([
    [0, T0, 60],
    [1, T0, 60],
    [999, T0, 60],
    [1000, T0, 59],
    [20_500, T0, 40],
    [59_000, T0, 1],
    [59_999, T0, 1],
    [60_000, T0 + 60_000, 60],
  ])('at T0 + %i ms the window starts at %i with %i s left', (offset, start, left) => {
    expect(windowAt(T0 + offset)).toEqual({ start, retryAfterSeconds: left });
  });

  it('aligns windows to the minute whatever the clock reads', () => {
    expect(windowAt(Date.UTC(2026, 10, 23, 10, 7, 42, 250))).toEqual({
      start: Date.UTC(2026, 10, 23, 10, 7),
      retryAfterSeconds: 18,
    });
  });
});
