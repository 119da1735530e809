import { SystemClock } from '../../../src/kernel/application/clock.port.js';
import { PostgresRateWindows } from '../../../src/platform/rate-limit/postgres-rate-windows.js';
import { describeClockContract } from '../../contracts/clock.contract.js';
import { describeRateWindowsContract } from '../../contracts/rate-windows.contract.js';
import { contractDatabase } from './contract-database.js';

/**
 * The platform's and kernel's ports' contracts on their real adapters: the rate windows on
 * PostgreSQL, the system clock.
 */
const db = contractDatabase('platform_ports');

describeRateWindowsContract('PostgreSQL', async () => {
  await db.fresh('rate_limit_windows');
  return new PostgresRateWindows(db.source());
});

describeClockContract('the system clock', () => new SystemClock());
