import type { Certificate } from 'pkijs';
import { SIGNED_MESSAGE_BOUNDS } from '../../domain/signed-message-bounds.js';
import { mayHaveIssued, sameCertificate } from './certificate-facts.js';

export type FoundPath =
  /** From the leaf to a trust anchor, both included. */
  | { readonly kind: 'path'; readonly path: readonly Certificate[] }
  | { readonly kind: 'untrusted' }
  /** Every link so far verified, and the chain would grow past maxChainLength. */
  | { readonly kind: 'too_long' };

/**
 * The chain from `leaf` up to a trust anchor: each next certificate's subject is the previous
 * one's issuer and its key verifies the previous one's signature. Validity dates are not looked
 * at here, so that an expired link is reported as expired rather than as "untrusted". Anchors
 * are tried before the message's certificates, so a message cannot swap in its own copy of a
 * trusted authority. A chain is at most SIGNED_MESSAGE_BOUNDS.maxChainLength certificates long:
 * past that, no issuer is looked for. Candidates whose key identifier is not the one the
 * certificate names as its issuer's are skipped without a signature check, so certificates
 * merely named like an authority cost nothing.
 */
export async function pathToAnchor(
  leaf: Certificate,
  intermediates: readonly Certificate[],
  anchors: readonly Certificate[],
): Promise<FoundPath> {
  const path = [leaf];
  let current = leaf;
  for (;;) {
    if (anchors.some((anchor) => sameCertificate(anchor, current))) return { kind: 'path', path };
    if (path.length >= SIGNED_MESSAGE_BOUNDS.maxChainLength) return { kind: 'too_long' };
    const issuer = await issuerOf(current, [...anchors, ...intermediates], path);
    if (issuer === null) return { kind: 'untrusted' };
    path.push(issuer);
    current = issuer;
  }
}

async function issuerOf(
  certificate: Certificate,
  candidates: readonly Certificate[],
  path: readonly Certificate[],
): Promise<Certificate | null> {
  for (const candidate of candidates) {
    if (!candidate.subject.isEqual(certificate.issuer)) continue;
    if (!mayHaveIssued(candidate, certificate)) continue;
    if (path.some((link) => sameCertificate(link, candidate))) continue;
    try {
      if (await certificate.verify(candidate)) return candidate;
    } catch {
      // A key that cannot verify (another algorithm, a broken key) is simply not the issuer.
    }
  }
  return null;
}
