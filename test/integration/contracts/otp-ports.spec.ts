import { TypeOrmSmsBudget } from '../../../src/otp/adapters/persistence/typeorm-sms-budget.js';
import { describeSmsBudgetContract } from '../../contracts/sms-budget.contract.js';
import { contractDatabase } from './contract-database.js';

/** The OTP feature's ports' contracts on PostgreSQL. */
const db = contractDatabase('otp_ports');

describeSmsBudgetContract('PostgreSQL', async (perHour) => {
  await db.fresh('sms_budget_entries');
  return new TypeOrmSmsBudget(db.source(), { perHour });
});
