import { Certificate } from 'pkijs';

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** The DER bytes of every PEM block with this label, in file order. */
export function pemBlocks(text: string, label: string): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  for (const match of text.matchAll(BLOCK)) {
    if (match[1] !== label) continue;
    blocks.push(new Uint8Array(Buffer.from(match[2].replace(/\s+/g, ''), 'base64')));
  }
  return blocks;
}

export function toPem(der: ArrayBuffer | Uint8Array, label: string): string {
  const base64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString(
    'base64',
  );
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * Every certificate of a PEM text. Throws, naming `source`, when the text holds none or a block
 * that is not a certificate: a trust store that silently lost an anchor would refuse signers
 * for a reason nobody could see.
 */
export function certificatesFromPem(text: string, source: string): Certificate[] {
  const blocks = pemBlocks(text, 'CERTIFICATE');
  if (blocks.length === 0) throw new Error(`${source} holds no PEM certificate`);
  return blocks.map((der, i) => {
    try {
      return Certificate.fromBER(der);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${source}: certificate ${i + 1} cannot be read (${reason})`, {
        cause: error,
      });
    }
  });
}
