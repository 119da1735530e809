/** The answer to a resend, as every request kind gives it, shown in the API explorer. */
const ID = '7d23bebb-1cf3-4221-bf21-18aada444756';

export const OTP_VERIFICATION_EXAMPLE = {
  id: ID,
  status: 'NEW',
  code_expired_at: '2026-11-23T10:30:30.123Z',
  active: true,
};
