export type ValidityProblem = 'expired' | 'not_yet_valid';

/**
 * Whether a certificate is valid at `now` (the wall clock: a signing-time attribute is the
 * signer's own claim and proves nothing). Both bounds are inclusive (RFC 5280, 4.1.2.5).
 */
export function validityProblem(
  validity: { readonly notBefore: Date; readonly notAfter: Date },
  now: Date,
): ValidityProblem | null {
  if (now.getTime() < validity.notBefore.getTime()) return 'not_yet_valid';
  if (now.getTime() > validity.notAfter.getTime()) return 'expired';
  return null;
}
