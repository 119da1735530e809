import type { DatabaseSchema } from '../../../platform/database/schema.js';
import { OTP_ORM_ENTITIES } from '../built-in/otp.orm-entity.js';
import { SmsBudget1764500000002 } from './migrations/1764500000002-sms-budget.js';
import { OtpPurposes1764620000000 } from './migrations/1764620000000-otp-purposes.js';
import { OtpServiceCalls1764900000000 } from './migrations/1764900000000-otp-service-calls.js';

/**
 * The tables of OTP: the built-in verifier's codes (created even when OTP_VERIFICATION_URL
 * points at the registry's service), the holders of an external service's codes and its calls
 * in flight, and the SMS budget.
 */
export const OTP_PERSISTENCE: DatabaseSchema = {
  entities: [...OTP_ORM_ENTITIES],
  migrations: [SmsBudget1764500000002, OtpPurposes1764620000000, OtpServiceCalls1764900000000],
};
