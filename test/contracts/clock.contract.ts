import type { Clock } from '../../src/kernel/application/clock.port.js';

/**
 * The promises of Clock (src/kernel/application/clock.port.ts) every domain time relies on: now()
 * is a valid Date, a later call never reads earlier, and each call answers a Date of its own, so
 * a caller changing it changes nothing else.
 */
export function describeClockContract(name: string, makeSubject: () => Clock): void {
  describe(`the Clock contract: ${name}`, () => {
    it('answers a valid Date', () => {
      const now = makeSubject().now();
      expect(now).toBeInstanceOf(Date);
      expect(Number.isNaN(now.getTime())).toBe(false);
    });

    it('never goes back from one call to the next', () => {
      const clock = makeSubject();
      const readings = Array.from({ length: 1000 }, () => clock.now().getTime());
      expect(readings.every((t, i) => i === 0 || t >= readings[i - 1])).toBe(true);
    });

    it('is not changed by a change to a Date it answered', () => {
      const clock = makeSubject();
      const first = clock.now();
      const at = first.getTime();
      first.setTime(at - 3_600_000);

      const second = clock.now();
      expect(second).not.toBe(first);
      expect(second.getTime()).toBeGreaterThanOrEqual(at);
    });
  });
}
