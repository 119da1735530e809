import { describeClockContract } from '../../contracts/clock.contract.js';
import { describeRateWindowsContract } from '../../contracts/rate-windows.contract.js';
import { InMemoryRateWindows } from '../../support/fakes/in-memory-rate-windows.js';
import { FixedClock } from '../../support/fixed-clock.js';

/** The platform's and kernel's ports' contracts on the fakes the unit specs run on. */
describeRateWindowsContract('the in-memory fake', () => Promise.resolve(new InMemoryRateWindows()));

describeClockContract(
  'the fixed clock',
  () => new FixedClock(new Date('2026-11-23T10:00:00.000Z')),
);
