import type { DatabaseSchema } from '../../../platform/database/schema.js';
import { SmsBudget1764500000002 } from './migrations/1764500000002-sms-budget.js';
import { OtpPurposes1764620000000 } from './migrations/1764620000000-otp-purposes.js';
import { OtpServiceCalls1764900000000 } from './migrations/1764900000000-otp-service-calls.js';

/**
 * The tables of OTP: the holders of an external service's codes and its calls in flight, and the
 * SMS budget (raw SQL, no entities). OtpPurposes also gave the built-in service's codes their
 * purpose (its tables are the built-in module's, see otp-built-in.persistence.ts).
 */
export const OTP_PERSISTENCE: DatabaseSchema = {
  entities: [],
  migrations: [SmsBudget1764500000002, OtpPurposes1764620000000, OtpServiceCalls1764900000000],
};
