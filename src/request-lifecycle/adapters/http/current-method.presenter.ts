import { maskPhone } from '../../../kernel/domain/phone.js';

/**
 * `urgent.authentication_method_current` as the registry answers it: an array of one
 * `{ type, phone_number }`, the phone masked (a THIRD_PERSON method shows the third person's
 * phone). An authentication method request answers `null` instead when the person has no active
 * method (`noneAsNull`); a person request answers `[{ type: "NA" }]`.
 */
export function presentCurrentMethod(
  current: { readonly type: string; readonly phoneNumber?: string },
  noneAsNull = false,
): Record<string, unknown>[] | null {
  if (noneAsNull && current.type === 'NA') return null;
  return [
    {
      type: current.type,
      ...(current.phoneNumber ? { phone_number: maskPhone(current.phoneNumber) } : {}),
    },
  ];
}
