import { describeSmsBudgetContract } from '../../contracts/sms-budget.contract.js';
import { FakeSmsBudget } from '../../support/fakes/fake-sms-budget.js';

/** The OTP feature's ports' contracts on the fakes the use-case specs run on. */
describeSmsBudgetContract('the in-memory fake', (perHour) =>
  Promise.resolve(new FakeSmsBudget(perHour)),
);
