import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Certificate } from 'pkijs';
import { certificatesFromPem, pemBlocks, toPem } from '../cms/pem.js';
import { generateKeyPair, issueCertificate } from './dev-certificates.js';

/**
 * The development signer's tax id: it passes the RNOKPP checksum and, being a repeated digit,
 * is plainly nobody's. Clients send it as `msp_drfo`.
 */
export const DEV_SIGNER_DRFO = '2222222225';
export const DEV_SIGNER_NAME = 'Development signer';
export const DEV_CA_NAME = 'eHealth development signature CA';

const DIRECTORY = 'dev-signature';
const FILES = { ca: 'ca.pem', certificate: 'signer.pem', key: 'signer.key' } as const;
const HOUR = 3_600_000;
const YEAR = 365 * 24 * HOUR;

/** The development CA and signer, as PEM texts read from `<DATA_DIR>/dev-signature/`. */
export interface DevSignatureMaterial {
  readonly directory: string;
  /** The CA certificate: the trust anchor of the development verifier. */
  readonly caCertificatePem: string;
  readonly signerCertificatePem: string;
  /** The signer's PKCS#8 private key (file mode 0600). */
  readonly signerKeyPem: string;
}

/**
 * The development CA and signer under `<dataDir>/dev-signature/`, generated on the first call
 * and read on every later one. The files are written into a private temporary directory that is
 * then renamed into place in one step, so two processes starting together end up with the same
 * CA: the one whose rename loses discards its own and reads the winner's. The CA's private key
 * is never written: nothing but the one signer can ever be issued by it.
 */
export async function loadOrCreateDevSignatureCa(
  dataDir: string,
  now: Date = new Date(),
): Promise<DevSignatureMaterial> {
  const directory = join(dataDir, DIRECTORY);
  if (!existsSync(directory)) await create(dataDir, directory, now);
  return read(directory, now);
}

/** The development CA certificate as a pkijs trust anchor. */
export function devTrustAnchors(material: DevSignatureMaterial): Certificate[] {
  return certificatesFromPem(material.caCertificatePem, join(material.directory, FILES.ca));
}

async function create(dataDir: string, directory: string, now: Date): Promise<void> {
  const caKeys = await generateKeyPair();
  const signerKeys = await generateKeyPair();
  const notBefore = new Date(now.getTime() - HOUR); // tolerate clocks slightly behind
  const ca = await issueCertificate({
    subject: { commonName: DEV_CA_NAME },
    publicKey: caKeys.publicKey,
    selfKey: caKeys.privateKey,
    authority: true,
    notBefore,
    notAfter: new Date(now.getTime() + 10 * YEAR),
  });
  const signer = await issueCertificate({
    subject: { commonName: DEV_SIGNER_NAME, serialNumber: `TINUA-${DEV_SIGNER_DRFO}` },
    publicKey: signerKeys.publicKey,
    issuer: { certificate: ca, privateKey: caKeys.privateKey },
    authority: false,
    notBefore,
    notAfter: new Date(now.getTime() + 5 * YEAR),
  });
  const key = await globalThis.crypto.subtle.exportKey('pkcs8', signerKeys.privateKey);

  mkdirSync(dataDir, { recursive: true });
  // mkdtemp makes a 0700 directory: the key is never readable by others, not even briefly.
  const staging = mkdtempSync(join(dataDir, `.${DIRECTORY}-`));
  try {
    writeFileSync(join(staging, FILES.ca), toPem(ca.toSchema().toBER(false), 'CERTIFICATE'));
    writeFileSync(
      join(staging, FILES.certificate),
      toPem(signer.toSchema().toBER(false), 'CERTIFICATE'),
    );
    writeFileSync(join(staging, FILES.key), toPem(key, 'PRIVATE KEY'), { mode: 0o600 });
    renameSync(staging, directory);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    // Another process renamed its directory into place first: use that one.
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
}

function read(directory: string, now: Date): DevSignatureMaterial {
  const file = (name: string): string => {
    try {
      return readFileSync(join(directory, name), 'utf8');
    } catch {
      throw new Error(
        `${join(directory, name)} is missing; delete ${directory} to generate a new development CA`,
      );
    }
  };
  const material: DevSignatureMaterial = {
    directory,
    caCertificatePem: file(FILES.ca),
    signerCertificatePem: file(FILES.certificate),
    signerKeyPem: file(FILES.key),
  };
  const [signer] = certificatesFromPem(
    material.signerCertificatePem,
    join(directory, FILES.certificate),
  );
  if (signer.notAfter.value.getTime() < now.getTime()) {
    throw new Error(
      `The development signer certificate expired on ${signer.notAfter.value.toISOString()}; ` +
        `delete ${directory} to generate a new development CA`,
    );
  }
  if (pemBlocks(material.signerKeyPem, 'PRIVATE KEY').length !== 1) {
    throw new Error(
      `${join(directory, FILES.key)} holds no private key; delete ${directory} to start again`,
    );
  }
  return material;
}
