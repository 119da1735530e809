/**
 * What one signed message may cost, so that a message built to burn CPU is refused cheaply: its
 * size once decoded, the signatures and the certificates it carries (all three checked before
 * any signature or chain work), and the length of the chain from the signer to a trust anchor
 * (no issuer is looked for past it). A real signature by one employee stays far inside them.
 */
export const SIGNED_MESSAGE_BOUNDS = {
  /** Decoded bytes of `signed_content` (512 KiB). */
  maxBytes: 512 * 1024,
  /** Certificates carried in the message, the signer's included. */
  maxCertificates: 10,
  /** Certificates from the signer's to the trust anchor, both included. */
  maxChainLength: 5,
} as const;

/** Canonical base64 without whitespace: groups of four, padding only at the end. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export type SignedMessageBytes =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'not_base64' }
  | { readonly kind: 'too_large' };

/**
 * The signed message sent as base64 (`signed_content`; whitespace and line breaks inside are
 * ignored). Its decoded size follows from the length of the base64 alone, so a message over
 * `maxBytes` is refused first, before the text is checked or a byte of it decoded (the check is
 * a regular expression, which overflows the stack on tens of megabytes).
 */
export function signedMessageFromBase64(text: string): SignedMessageBytes {
  const compact = text.replace(/\s+/g, '');
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  if (Math.floor((compact.length * 3) / 4) - padding > SIGNED_MESSAGE_BOUNDS.maxBytes) {
    return { kind: 'too_large' };
  }
  if (compact === '' || !BASE64.test(compact)) return { kind: 'not_base64' };
  return { kind: 'bytes', bytes: new Uint8Array(Buffer.from(compact, 'base64')) };
}

/** Whether decoded signed bytes are over the size bound (for verifiers handed bytes directly). */
export function signedMessageTooLarge(bytes: Uint8Array): boolean {
  return bytes.byteLength > SIGNED_MESSAGE_BOUNDS.maxBytes;
}
