import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test certificates and signatures made by the `openssl` program (OPENSSL_BIN, else the one on
 * PATH), so that what the verifier is tested against is not made by the verifier's own library.
 * Everything lives in one temporary directory; `remove()` deletes it.
 */
export type KeyKind = 'rsa' | 'ec-p256' | 'ec-p384';

export interface Entity {
  readonly name: string;
  readonly certificate: string;
  readonly key: string;
}

export interface Authority extends Entity {
  readonly dir: string;
}

export interface IssueOptions {
  readonly key?: KeyKind;
  /** Subject in openssl's `/type=value/...` form; default `/CN=<name>`. */
  readonly subject?: string;
  /** Lines of the certificate's extension section. */
  readonly extensions?: readonly string[];
  /** Validity; default: from an hour ago, for a year. */
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

export interface SignOptions {
  readonly md?: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  readonly stream?: boolean;
  readonly noattr?: boolean;
  readonly pss?: boolean;
  /** Certificates to carry in the message besides the signer's (for example an intermediate). */
  readonly certfile?: readonly Entity[];
  /** Leave the content out of the message (a detached signature). */
  readonly detached?: boolean;
  /** More signers after the first. */
  readonly alsoSignedBy?: readonly Entity[];
}

export const SIGNER_EXTENSIONS = [
  'basicConstraints = critical, CA:FALSE',
  'keyUsage = critical, digitalSignature, nonRepudiation',
  'subjectKeyIdentifier = hash',
  'authorityKeyIdentifier = keyid',
];

export const AUTHORITY_EXTENSIONS = [
  'basicConstraints = critical, CA:TRUE',
  'keyUsage = critical, keyCertSign, cRLSign',
  'subjectKeyIdentifier = hash',
  'authorityKeyIdentifier = keyid',
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function opensslBinary(): string {
  const bin = process.env.OPENSSL_BIN ?? 'openssl';
  try {
    execFileSync(bin, ['version'], { stdio: 'pipe' });
  } catch {
    throw new Error(
      `These tests sign with the openssl program, which was not found (${bin}). ` +
        'Install it (apt-get install openssl) or point OPENSSL_BIN at one.',
    );
  }
  return bin;
}

/** openssl's `-startdate` form: YYYYMMDDHHMMSSZ. */
function opensslDate(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

export class OpensslPki {
  private counter = 0;

  private constructor(
    readonly dir: string,
    private readonly bin: string,
  ) {}

  /** Fails with a clear message when openssl is missing: these tests must not pass by skipping. */
  static create(): OpensslPki {
    const bin = opensslBinary();
    return new OpensslPki(mkdtempSync(join(tmpdir(), 'signature-pki-')), bin);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  openssl(args: readonly string[]): Buffer {
    return execFileSync(this.bin, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: this.dir });
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  write(name: string, content: string | Uint8Array): string {
    const path = this.path(name);
    writeFileSync(path, content);
    return path;
  }

  /** A self-signed root authority. */
  rootAuthority(name: string, key: KeyKind = 'rsa'): Authority {
    const id = this.id(name);
    const keyPath = this.newKey(id, key);
    const certificate = this.path(`${id}.pem`);
    this.openssl([
      'req',
      '-x509',
      '-new',
      '-utf8',
      '-key',
      keyPath,
      '-subj',
      `/CN=${name}`,
      '-days',
      '3650',
      '-out',
      certificate,
      ...AUTHORITY_EXTENSIONS.flatMap((line) => ['-addext', line.replace(/\s*=\s*/, '=')]),
    ]);
    return this.authorityFrom(name, id, certificate, keyPath);
  }

  /** A subordinate authority issued by `issuer`. */
  subordinateAuthority(issuer: Authority, name: string, options: IssueOptions = {}): Authority {
    const entity = this.issue(issuer, name, { extensions: AUTHORITY_EXTENSIONS, ...options });
    return this.authorityFrom(name, this.id(`${name}-ca`), entity.certificate, entity.key);
  }

  /** A certificate issued by `issuer` through `openssl ca`, which can back- and forward-date. */
  issue(issuer: Authority, name: string, options: IssueOptions = {}): Entity {
    const id = this.id(name);
    const key = this.newKey(id, options.key ?? 'rsa');
    const csr = this.path(`${id}.csr`);
    const certificate = this.path(`${id}.pem`);
    this.openssl([
      'req',
      '-new',
      '-utf8',
      '-key',
      key,
      '-subj',
      options.subject ?? `/CN=${name}`,
      '-out',
      csr,
    ]);
    const extfile = this.write(
      `${id}.ext`,
      `[ext]\n${(options.extensions ?? SIGNER_EXTENSIONS).join('\n')}\n`,
    );
    const notBefore = options.notBefore ?? new Date(Date.now() - HOUR);
    const notAfter = options.notAfter ?? new Date(Date.now() + 365 * DAY);
    this.openssl([
      'ca',
      '-batch',
      '-notext',
      '-utf8',
      '-preserveDN',
      '-config',
      join(issuer.dir, 'ca.cnf'),
      '-cert',
      issuer.certificate,
      '-keyfile',
      issuer.key,
      '-in',
      csr,
      '-out',
      certificate,
      '-extfile',
      extfile,
      '-extensions',
      'ext',
      '-startdate',
      opensslDate(notBefore),
      '-enddate',
      opensslDate(notAfter),
    ]);
    return { name, certificate, key };
  }

  /** `openssl cms -sign` over `content`: DER, or BER with `stream`. */
  sign(content: Uint8Array, signer: Entity, options: SignOptions = {}): Buffer {
    const id = this.id('message');
    const input = this.write(`${id}.in`, content);
    const output = this.path(`${id}.p7s`);
    const signers = [signer, ...(options.alsoSignedBy ?? [])];
    const args = ['cms', '-sign', '-binary', '-outform', 'DER', '-in', input, '-out', output];
    if (!options.detached) args.push('-nodetach');
    if (options.stream) args.push('-stream');
    if (options.noattr) args.push('-noattr');
    args.push('-md', options.md ?? 'sha256');
    for (const one of signers) {
      args.push('-signer', one.certificate, '-inkey', one.key);
      if (options.pss) args.push('-keyopt', 'rsa_padding_mode:pss');
    }
    if (options.certfile?.length) {
      const bundle = this.write(
        `${id}.chain.pem`,
        options.certfile.map((e) => readFileSync(e.certificate, 'utf8')).join(''),
      );
      args.push('-certfile', bundle);
    }
    this.openssl(args);
    return readFileSync(output);
  }

  /** The certificate's serial number as openssl prints it (upper-case hex). */
  serialOf(entity: Entity): string {
    return this.openssl(['x509', '-in', entity.certificate, '-noout', '-serial'])
      .toString()
      .trim()
      .replace(/^serial=/, '');
  }

  /** A PEM file holding these certificates, in order. */
  bundle(name: string, entities: readonly Entity[]): string {
    return this.write(name, entities.map((e) => readFileSync(e.certificate, 'utf8')).join(''));
  }

  private authorityFrom(name: string, id: string, certificate: string, key: string): Authority {
    const dir = this.path(`${id}.ca`);
    mkdirSync(join(dir, 'certs'), { recursive: true });
    writeFileSync(join(dir, 'index.txt'), '');
    // Long serials with the high bit set: DER then needs a leading zero byte, which the
    // verifier must not show (openssl does not).
    const serial = randomBytes(16);
    serial[0] |= 0x80;
    writeFileSync(join(dir, 'serial'), `${serial.toString('hex').toUpperCase()}\n`);
    writeFileSync(
      join(dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = this',
        '[this]',
        `dir = ${dir}`,
        'database = $dir/index.txt',
        'new_certs_dir = $dir/certs',
        'serial = $dir/serial',
        'default_md = sha256',
        'policy = anything',
        'unique_subject = no',
        'email_in_dn = no',
        '[anything]',
        'commonName = supplied',
        '',
      ].join('\n'),
    );
    return { name, certificate, key, dir };
  }

  private newKey(id: string, kind: KeyKind): string {
    const path = this.path(`${id}.key`);
    const args =
      kind === 'rsa'
        ? ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']
        : [
            '-algorithm',
            'EC',
            '-pkeyopt',
            `ec_paramgen_curve:${kind === 'ec-p256' ? 'P-256' : 'P-384'}`,
          ];
    this.openssl(['genpkey', ...args, '-out', path]);
    return path;
  }

  private id(name: string): string {
    this.counter += 1;
    return `${this.counter}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  }
}

/** The DER of a subjectDirectoryAttributes extension holding PrintableString attributes. */
export function subjectDirectoryAttributesDer(attributes: Record<string, string>): string {
  const tlv = (tag: number, body: Buffer): Buffer => {
    if (body.length > 127) throw new Error('test DER helper handles short lengths only');
    return Buffer.concat([Buffer.from([tag, body.length]), body]);
  };
  const oid = (dotted: string): Buffer => {
    const [a, b, ...rest] = dotted.split('.').map(Number);
    const bytes = [40 * a + b];
    for (const arc of rest) {
      const chunk = [arc & 0x7f];
      for (let v = arc >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
      bytes.push(...chunk);
    }
    return tlv(0x06, Buffer.from(bytes));
  };
  const items = Object.entries(attributes).map(([type, value]) =>
    tlv(0x30, Buffer.concat([oid(type), tlv(0x31, tlv(0x13, Buffer.from(value, 'ascii')))])),
  );
  return tlv(0x30, Buffer.concat(items)).toString('hex');
}
