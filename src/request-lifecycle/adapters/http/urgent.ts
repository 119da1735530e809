import { Enveloped } from '../../../platform/http/envelope.js';
import type { OtpVerification } from '../../../otp/application/otp-verifier.port.js';
import type { Confirmation } from '../../application/confirmation.js';
import type { LifecycleRequest } from '../../domain/lifecycle.js';
import { presentCurrentMethod } from './current-method.presenter.js';

/**
 * A request's answer with the registry's `urgent` block: who confirms it (the phone masked) and
 * the upload URLs of its scans, handed out only while the request can still take them.
 * `noneAsNull`: an authentication method request answers a person without an active method as
 * `null`.
 */
export async function withUrgent(
  confirmation: Confirmation,
  request: LifecycleRequest,
  data: unknown,
  noneAsNull = false,
): Promise<Enveloped<unknown>> {
  const documents =
    request.status === 'NEW' ? await confirmation.uploadUrls(request.documents) : [];
  return new Enveloped(data, {
    urgent: {
      authentication_method_current: presentCurrentMethod(
        request.authenticationMethodCurrent,
        noneAsNull,
      ),
      documents,
    },
  });
}

/** `data` of a resend: the new verification, as the registry's OTP service describes it. */
export function presentSentCode(sent: OtpVerification): Record<string, unknown> {
  return {
    id: sent.id,
    status: sent.status,
    code_expired_at: sent.codeExpiredAt.toISOString(),
    active: sent.active,
  };
}
