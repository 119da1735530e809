import { maskPhone } from '../../../kernel/domain/phone.js';

/** `urgent.authentication_method_current`: the type and, for OTP, the phone masked. */
export function presentCurrentMethod(current: {
  readonly type: string;
  readonly phoneNumber?: string;
}): Record<string, unknown> {
  return {
    type: current.type,
    ...(current.phoneNumber ? { number: maskPhone(current.phoneNumber) } : {}),
  };
}
