import { describeRateWindowsContract } from '../../contracts/rate-windows.contract.js';
import { InMemoryRateWindows } from '../../support/fakes/in-memory-rate-windows.js';

/** The platform's ports' contracts on the fakes the unit specs run on. */
describeRateWindowsContract('the in-memory fake', () => Promise.resolve(new InMemoryRateWindows()));
