import type { Certificate } from 'pkijs';
import { sameCertificate } from './certificate-facts.js';

/** Longer chains than this are not built: no real hierarchy is that deep. */
const MAX_DEPTH = 8;

/**
 * The chain from `leaf` up to a trust anchor: each next certificate's subject is the previous
 * one's issuer and its key verifies the previous one's signature. Validity dates are not looked
 * at here, so that an expired link is reported as expired rather than as "untrusted". Anchors
 * are tried before the message's certificates, so a message cannot swap in its own copy of a
 * trusted authority. Returns null when no chain reaches an anchor.
 */
export async function pathToAnchor(
  leaf: Certificate,
  intermediates: readonly Certificate[],
  anchors: readonly Certificate[],
): Promise<Certificate[] | null> {
  const path = [leaf];
  let current = leaf;
  while (path.length <= MAX_DEPTH) {
    if (anchors.some((anchor) => sameCertificate(anchor, current))) return path;
    const issuer = await issuerOf(current, [...anchors, ...intermediates], path);
    if (issuer === null) return null;
    path.push(issuer);
    current = issuer;
  }
  return null;
}

async function issuerOf(
  certificate: Certificate,
  candidates: readonly Certificate[],
  path: readonly Certificate[],
): Promise<Certificate | null> {
  for (const candidate of candidates) {
    if (!candidate.subject.isEqual(certificate.issuer)) continue;
    if (path.some((link) => sameCertificate(link, candidate))) continue;
    try {
      if (await certificate.verify(candidate)) return candidate;
    } catch {
      // A key that cannot verify (another algorithm, a broken key) is simply not the issuer.
    }
  }
  return null;
}
