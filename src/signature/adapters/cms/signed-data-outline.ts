/**
 * What a CMS ContentInfo → SignedData (RFC 5652) carries, read from its tags and lengths alone.
 * A full ASN.1 parse of a message built from thousands of small elements (a SignerInfo repeated
 * a hundred times, two hundred certificates) costs more than verifying one signature; this
 * reader only steps over elements, never decodes them, so the message's bounds are checked in
 * a fraction of a millisecond before anything else is done with it.
 */
export interface SignedDataOutline {
  /** The encapsulated content is in the message (not a detached signature). */
  readonly attached: boolean;
  readonly signerInfos: number;
  /** Entries of the `certificates` set, whatever their kind. */
  readonly certificates: number;
}

/** One BER element: where its content starts and ends, and where the element ends. */
interface Element {
  readonly tagClass: number;
  readonly constructed: boolean;
  readonly tagNumber: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly end: number;
}

const UNIVERSAL = 0;
const CONTEXT = 2;
const SEQUENCE = 16;
const SET = 17;
const OBJECT_IDENTIFIER = 6;
/** The content octets of id-signedData, 1.2.840.113549.1.7.2. */
const SIGNED_DATA_OID = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/**
 * The outline of `bytes`, or null when they are not one ContentInfo holding a SignedData (other
 * bytes, bytes after it, lengths that run past the end). DER and BER alike: indefinite lengths,
 * as `openssl cms -stream` writes them, are followed to their end-of-contents without recursion.
 */
export function signedDataOutline(bytes: Uint8Array): SignedDataOutline | null {
  const info = elementAt(bytes, 0, bytes.length);
  if (info === null || info.end !== bytes.length || !is(info, UNIVERSAL, SEQUENCE)) return null;
  const [contentType, explicit] = childrenOf(bytes, info) ?? [];
  if (contentType === undefined || !isSignedDataOid(bytes, contentType)) return null;
  if (explicit === undefined || !is(explicit, CONTEXT, 0)) return null;
  const [signedData] = childrenOf(bytes, explicit) ?? [];
  if (signedData === undefined || !is(signedData, UNIVERSAL, SEQUENCE)) return null;
  const fields = childrenOf(bytes, signedData);
  // version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
  if (fields === null || fields.length < 4) return null;
  const encapsulated = childrenOf(bytes, fields[2]);
  const signerInfos = fields[fields.length - 1];
  if (encapsulated === null || !is(signerInfos, UNIVERSAL, SET)) return null;
  const certificates = fields.slice(3, -1).find((field) => is(field, CONTEXT, 0));
  const signerCount = childrenOf(bytes, signerInfos)?.length;
  const certificateCount = certificates ? childrenOf(bytes, certificates)?.length : 0;
  if (signerCount === undefined || certificateCount === undefined) return null;
  return {
    attached: encapsulated.length >= 2,
    signerInfos: signerCount,
    certificates: certificateCount,
  };
}

function is(element: Element, tagClass: number, tagNumber: number): boolean {
  return element.constructed && element.tagClass === tagClass && element.tagNumber === tagNumber;
}

function isSignedDataOid(bytes: Uint8Array, element: Element): boolean {
  return (
    !element.constructed &&
    element.tagClass === UNIVERSAL &&
    element.tagNumber === OBJECT_IDENTIFIER &&
    element.contentEnd - element.contentStart === SIGNED_DATA_OID.length &&
    SIGNED_DATA_OID.every((byte, i) => bytes[element.contentStart + i] === byte)
  );
}

/** The elements inside a constructed one, in order; null when one of them cannot be read. */
function childrenOf(bytes: Uint8Array, parent: Element): Element[] | null {
  if (!parent.constructed) return null;
  const children: Element[] = [];
  for (let at = parent.contentStart; at < parent.contentEnd;) {
    const child = elementAt(bytes, at, parent.contentEnd);
    if (child === null) return null;
    children.push(child);
    at = child.end;
  }
  return children;
}

/** The element starting at `at`, which must end by `limit`. */
function elementAt(bytes: Uint8Array, at: number, limit: number): Element | null {
  const head = headerAt(bytes, at, limit);
  if (head === null) return null;
  if (head.length !== null) {
    const end = head.contentStart + head.length;
    return { ...head, contentEnd: end, end };
  }
  // Indefinite length: step over nested elements, counting the indefinite ones still open,
  // until the end-of-contents (00 00) that closes this one.
  let open = 1;
  let cursor = head.contentStart;
  while (cursor + 2 <= limit) {
    if (bytes[cursor] === 0 && bytes[cursor + 1] === 0) {
      cursor += 2;
      open -= 1;
      if (open === 0) return { ...head, contentEnd: cursor - 2, end: cursor };
      continue;
    }
    const inner = headerAt(bytes, cursor, limit);
    if (inner === null) return null;
    if (inner.length === null) {
      open += 1;
      cursor = inner.contentStart;
    } else {
      cursor = inner.contentStart + inner.length;
    }
  }
  return null;
}

interface Header {
  readonly tagClass: number;
  readonly constructed: boolean;
  readonly tagNumber: number;
  readonly contentStart: number;
  /** null: indefinite. */
  readonly length: number | null;
}

/** Identifier and length octets (X.690, 8.1.2 and 8.1.3); null when they do not fit by `limit`. */
function headerAt(bytes: Uint8Array, at: number, limit: number): Header | null {
  if (at >= limit) return null;
  const identifier = bytes[at++];
  const tagClass = identifier >> 6;
  const constructed = (identifier & 0x20) !== 0;
  let tagNumber = identifier & 0x1f;
  if (tagNumber === 0x1f) {
    // High tag number: base-128 digits; four are more than any CMS tag needs.
    tagNumber = 0;
    for (let digits = 0; ; digits++) {
      if (at >= limit || digits === 4) return null;
      const digit = bytes[at++];
      tagNumber = tagNumber * 128 + (digit & 0x7f);
      if ((digit & 0x80) === 0) break;
    }
  }
  if (at >= limit) return null;
  const first = bytes[at++];
  let length: number | null;
  if (first < 0x80) {
    length = first;
  } else if (first === 0x80) {
    if (!constructed) return null;
    length = null;
  } else {
    const octets = first & 0x7f;
    if (octets > 4 || at + octets > limit) return null;
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + bytes[at++];
  }
  if (length !== null && at + length > limit) return null;
  return { tagClass, constructed, tagNumber, contentStart: at, length };
}
