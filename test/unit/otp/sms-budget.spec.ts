import { budgetDecision, budgetWindowStart } from '../../../src/otp/domain/sms-budget.js';

const NOW = new Date('2026-11-30T12:00:00.000Z');
const ago = (ms: number): Date => new Date(NOW.getTime() - ms);

describe('the SMS budget of a client (codes per rolling hour)', () => {
  it.each([
    ['allows the first code', 0, null, 3, { allowed: true }],
    ['allows while below the limit', 2, ago(1000), 3, { allowed: true }],
    [
      'refuses at the limit until the oldest is an hour old',
      3,
      ago(600_000),
      3,
      { allowed: false, retryAfterSeconds: 3000 },
    ],
    ['rounds a part second up', 3, ago(3_599_500), 3, { allowed: false, retryAfterSeconds: 1 }],
    [
      'never asks to wait less than a second',
      3,
      ago(3_600_000),
      3,
      { allowed: false, retryAfterSeconds: 1 },
    ],
    [
      'refuses past the limit too',
      5,
      ago(1_800_000),
      3,
      { allowed: false, retryAfterSeconds: 1800 },
    ],
    ['is off at 0', 1_000_000, ago(1), 0, { allowed: true }],
  ])('%s', (_name, count, oldest, limit, expected) => {
    expect(budgetDecision(count, oldest, limit, NOW)).toEqual(expected);
  });

  it('counts codes sent after one hour ago', () => {
    expect(budgetWindowStart(NOW)).toEqual(ago(3_600_000));
  });
});
