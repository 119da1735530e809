import type { RateWindows } from '../../src/platform/rate-limit/rate-windows.js';

const T0 = new Date('2026-11-23T10:00:00.000Z');
const NEXT = new Date(T0.getTime() + 60_000);

/**
 * The promises of RateWindows (src/platform/rate-limit/rate-windows.ts): a lease takes what is
 * left of the wanted slots up to the limit, 0 once the window is full; each limit, client and
 * window counts apart; concurrent leases never hand out more than the limit between them.
 * `makeSubject()` answers windows with no counts.
 */
export function describeRateWindowsContract(
  name: string,
  makeSubject: () => Promise<RateWindows>,
): void {
  describe(`the RateWindows contract: ${name}`, () => {
    let windows: RateWindows;

    beforeEach(async () => {
      windows = await makeSubject();
    });

    it('grants what is left of the wanted slots up to the limit, then 0 once full', async () => {
      await expect(windows.lease('writes', 'client-a', T0, 3, 5)).resolves.toBe(3);
      await expect(windows.lease('writes', 'client-a', T0, 3, 5)).resolves.toBe(2);
      await expect(windows.lease('writes', 'client-a', T0, 1, 5)).resolves.toBe(0);
      await expect(windows.lease('writes', 'client-a', T0, 3, 5)).resolves.toBe(0);
    });

    it('never grants more than the limit to a first lease', async () => {
      await expect(windows.lease('writes', 'client-a', T0, 10, 4)).resolves.toBe(4);
      await expect(windows.lease('writes', 'client-a', T0, 1, 4)).resolves.toBe(0);
    });

    it('counts each limit, client and window apart', async () => {
      await expect(windows.lease('writes', 'client-a', T0, 2, 2)).resolves.toBe(2);

      await expect(windows.lease('reads', 'client-a', T0, 2, 2)).resolves.toBe(2);
      await expect(windows.lease('writes', 'client-b', T0, 2, 2)).resolves.toBe(2);
      await expect(windows.lease('writes', 'client-a', NEXT, 2, 2)).resolves.toBe(2);
      await expect(windows.lease('writes', 'client-a', T0, 1, 2)).resolves.toBe(0);
    });

    it('keeps names apart however they are spelt', async () => {
      await expect(windows.lease('sign attempts', 'client-a', T0, 1, 1)).resolves.toBe(1);
      await expect(windows.lease('sign', 'attempts client-a', T0, 1, 1)).resolves.toBe(1);
    });

    it('never grants more than the limit between leases taken at once', async () => {
      const granted = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          windows.lease('writes', 'client-a', T0, 1 + (i % 3), 7),
        ),
      );
      expect(granted.reduce((sum, n) => sum + n, 0)).toBe(7);
      await expect(windows.lease('writes', 'client-a', T0, 1, 7)).resolves.toBe(0);
    });
  });
}
