import type { DatabaseSchema } from '../../../platform/database/schema.js';
import { BUILT_IN_OTP_ORM_ENTITIES } from './built-in-otp.orm-entity.js';

/**
 * The tables of the built-in OTP service: its codes (`otp_verifications`) and the phones that
 * completed one (`verified_phones`). Every database has them, whichever OTP service it is
 * configured with. The first release's baseline (src/platform) created them, and the OTP
 * module's OtpPurposes1764620000000 gave the codes their purpose: that migration also created the
 * external service's `otp_code_holders`, and a database records it as one step, so it stays there.
 */
export const OTP_BUILT_IN_PERSISTENCE: DatabaseSchema = {
  entities: [...BUILT_IN_OTP_ORM_ENTITIES],
  migrations: [],
};
