import type { AuthMethodRequest } from '../../domain/auth-method-request.js';

export function presentAuthMethodRequest(r: AuthMethodRequest): Record<string, unknown> {
  const m = r.authenticationMethod;
  const c = r.authenticationMethodCurrent;
  return {
    id: r.id,
    person_id: r.personId,
    status: r.status,
    channel: r.channel,
    action: r.action.toUpperCase(),
    authentication_method: {
      ...(m.id !== undefined ? { id: m.id } : {}),
      ...(m.type !== undefined ? { type: m.type } : {}),
      ...(m.phoneNumber !== undefined ? { phone_number: m.phoneNumber } : {}),
      ...(m.value !== undefined ? { value: m.value } : {}),
      ...(m.alias !== undefined ? { alias: m.alias } : {}),
    },
    authentication_method_current: {
      type: c.type,
      ...(c.thirdPersonId ? { third_person_id: c.thirdPersonId } : {}),
    },
    inserted_at: r.insertedAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}
