/** The keyUsage bits of an X.509 certificate, in bit order (RFC 5280, 4.2.1.3). */
export const KEY_USAGES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

export type KeyUsage = (typeof KEY_USAGES)[number];

/**
 * The usages named by a keyUsage BIT STRING's bytes (without the unused-bits count): bit 0 is
 * the most significant bit of the first byte. Bits past decipherOnly name nothing and are ignored.
 */
export function keyUsagesOf(bits: Uint8Array): KeyUsage[] {
  return KEY_USAGES.filter((_usage, bit) => {
    const byte = bits[bit >> 3] ?? 0;
    return (byte & (0x80 >> (bit & 7))) !== 0;
  });
}

/**
 * Whether a certificate may sign documents: `null` means the certificate has no keyUsage
 * extension, which leaves the key unrestricted; otherwise digitalSignature or nonRepudiation
 * (the "content commitment" of qualified signatures) must be among the usages.
 */
export function keyUsageAllowsSigning(usages: readonly KeyUsage[] | null): boolean {
  if (usages === null) return true;
  return usages.includes('digitalSignature') || usages.includes('nonRepudiation');
}
