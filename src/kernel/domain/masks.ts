/**
 * Masks of personal data the registry's answers show about someone other than the subject
 * (docs/api.md, Confidant person relationships): a tax id, `unzr` or document number keeps its
 * last 2 characters, a name becomes the last name and initials. Phones: `maskPhone` (phone.ts).
 */

/** Every character but the last two as `*`: `2659719350` → `********50`. */
export function maskTail(value: string): string {
  if (value.length <= 2) return '*'.repeat(value.length);
  return `${'*'.repeat(value.length - 2)}${value.slice(-2)}`;
}

/** `Шевченко Т.Г.`: the last name and the initials of the first and second names. */
export function maskName(p: {
  readonly firstName: string;
  readonly lastName: string;
  readonly secondName: string | null;
}): string {
  const initial = (name: string | null) => (name ? `${[...name][0]}.` : '');
  if (!p.lastName) return `${p.firstName} ${initial(p.secondName)}`.trim();
  return `${p.lastName} ${initial(p.firstName)}${initial(p.secondName)}`;
}
