export const UA_PHONE = /^\+380[0-9]{9}$/;
export const ANY_PHONE = /^\+[0-9]{11,12}$/;

/** `+380971234567` → `+38097*****67`: first 6 and last 2 characters kept (docs/domain-rules.md, Formats). */
export function maskPhone(phone: string): string {
  if (phone.length <= 8) return '*'.repeat(phone.length);
  return `${phone.slice(0, 6)}${'*'.repeat(phone.length - 8)}${phone.slice(-2)}`;
}
