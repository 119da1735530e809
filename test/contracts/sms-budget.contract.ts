import { OTP_ERRORS } from '../../src/otp/domain/otp-errors.js';
import type { SmsBudget } from '../../src/otp/application/sms-budget.port.js';

const T0 = new Date('2026-11-30T12:00:00.000Z');
const later = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const REFUSED = { code: OTP_ERRORS.smsLimit.code, message: OTP_ERRORS.smsLimit.message };

/**
 * The promises of SmsBudget (docs/api.md, SMS budget): `perHour` codes of a client in any hour,
 * then a refusal with the seconds until the oldest counted code is an hour old; a release takes
 * its code back, once; 0 is no budget. `makeSubject(perHour)` answers a budget with no codes.
 */
export function describeSmsBudgetContract(
  name: string,
  makeSubject: (perHour: number) => Promise<SmsBudget>,
): void {
  describe(`the SmsBudget contract: ${name}`, () => {
    it('counts a client’s codes in the hour, then refuses until the oldest is an hour old', async () => {
      const budget = await makeSubject(2);
      await budget.reserve('client-a', T0);
      await budget.reserve('client-a', later(10));

      await expect(budget.reserve('client-a', later(20))).rejects.toMatchObject({
        ...REFUSED,
        retryAfterSeconds: 40 * 60,
      });
      await expect(budget.reserve('client-a', later(59.99))).rejects.toMatchObject(REFUSED);
      await expect(budget.reserve('client-a', later(60))).resolves.toBeInstanceOf(Function);
      await expect(budget.reserve('client-a', later(65))).rejects.toMatchObject({
        ...REFUSED,
        retryAfterSeconds: 5 * 60,
      });
    });

    it('keeps each client’s budget apart', async () => {
      const budget = await makeSubject(1);
      await budget.reserve('client-a', T0);
      await expect(budget.reserve('client-b', T0)).resolves.toBeInstanceOf(Function);
      await expect(budget.reserve('client-a', T0)).rejects.toMatchObject(REFUSED);
    });

    it('takes a released code back, once however often it is released', async () => {
      const budget = await makeSubject(2);
      const release = await budget.reserve('client-a', T0);
      await budget.reserve('client-a', T0);
      await release();
      await release();

      await expect(budget.reserve('client-a', later(1))).resolves.toBeInstanceOf(Function);
      await expect(budget.reserve('client-a', later(2))).rejects.toMatchObject(REFUSED);
    });

    it('never counts past the limit, however many reserve at once', async () => {
      const budget = await makeSubject(3);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, () => budget.reserve('client-a', T0)),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
      const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
      expect(refusals).toEqual(Array(5).fill(expect.objectContaining(REFUSED)));
    });

    it('refuses nothing when there is no budget', async () => {
      const budget = await makeSubject(0);
      for (let i = 0; i < 5; i++) {
        await expect(budget.reserve('client-a', T0)).resolves.toBeInstanceOf(Function);
      }
    });
  });
}
