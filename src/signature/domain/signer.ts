/**
 * Who signed: the fields of the signer's certificate that the registry works with. Each is null
 * when the certificate does not carry it in a recognised form.
 */
export interface Signer {
  readonly commonName: string | null;
  /** Tax id (RNOKPP, "DRFO" in the registry): ten digits. */
  readonly drfo: string | null;
  /** Legal entity code (EDRPOU): eight digits. */
  readonly edrpou: string | null;
  /** The certificate's serial number, upper-case hex. */
  readonly serial: string | null;
}

/** One attribute of a certificate subject or of its subject directory attributes. */
export interface CertificateAttribute {
  /** Dotted object identifier. */
  readonly type: string;
  readonly value: string;
}

export const OID = {
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  /** DRFO (tax id) of Ukrainian qualified certificates, usually a subject directory attribute. */
  drfo: '1.2.804.2.1.1.1.11.1.4.1.1',
  /** EDRPOU of Ukrainian qualified certificates, usually a subject directory attribute. */
  edrpou: '1.2.804.2.1.1.1.11.1.4.2.1',
} as const;

const TAX_ID = /^(?:TINUA-)?([0-9]{10})$/i;
const EDRPOU = /^[0-9]{8}$/;

/** Spaces inside a number are formatting (some CAs group digits); anything else is content. */
function compact(value: string): string {
  return value.replace(/\s+/g, '');
}

/** The ten digits of a tax id written as `TINUA-<10 digits>` or as plain 10 digits, else null. */
export function taxIdOf(value: string): string | null {
  return TAX_ID.exec(compact(value))?.[1] ?? null;
}

/**
 * The signer's tax id. The dedicated DRFO attribute wins: it means nothing else, while a
 * subject `serialNumber` is a general field that only counts in the forms `TINUA-<10 digits>`
 * or 10 plain digits. Of several candidates of one kind the first usable one counts.
 */
export function signerDrfo(attributes: readonly CertificateAttribute[]): string | null {
  for (const type of [OID.drfo, OID.serialNumber]) {
    for (const attribute of attributes) {
      if (attribute.type !== type) continue;
      const taxId = taxIdOf(attribute.value);
      if (taxId !== null) return taxId;
    }
  }
  return null;
}

/** The signer's EDRPOU: the first EDRPOU attribute holding eight digits, else null. */
export function signerEdrpou(attributes: readonly CertificateAttribute[]): string | null {
  for (const attribute of attributes) {
    if (attribute.type !== OID.edrpou) continue;
    const value = compact(attribute.value);
    if (EDRPOU.test(value)) return value;
  }
  return null;
}

/** The first non-blank common name, trimmed. */
export function signerCommonName(attributes: readonly CertificateAttribute[]): string | null {
  for (const attribute of attributes) {
    if (attribute.type === OID.commonName && attribute.value.trim() !== '') {
      return attribute.value.trim();
    }
  }
  return null;
}

/**
 * The signer as read from a certificate: `attributes` are the subject's attributes followed by
 * its subject directory attributes, in certificate order.
 */
export function signerOf(
  attributes: readonly CertificateAttribute[],
  serialHex: string | null,
): Signer {
  return {
    commonName: signerCommonName(attributes),
    drfo: signerDrfo(attributes),
    edrpou: signerEdrpou(attributes),
    serial: serialHex === null || serialHex === '' ? null : serialHex.toUpperCase(),
  };
}
