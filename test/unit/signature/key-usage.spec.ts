import {
  keyUsageAllowsSigning,
  keyUsagesOf,
  type KeyUsage,
} from '../../../src/signature/domain/key-usage.js';

describe('keyUsage bits', () => {
  it.each<[string, number[], KeyUsage[]]>([
    ['digitalSignature', [0x80], ['digitalSignature']],
    ['nonRepudiation', [0x40], ['nonRepudiation']],
    ['digitalSignature and nonRepudiation', [0xc0], ['digitalSignature', 'nonRepudiation']],
    ['keyEncipherment', [0x20], ['keyEncipherment']],
    ['keyCertSign and cRLSign', [0x06], ['keyCertSign', 'cRLSign']],
    ['encipherOnly', [0x01], ['encipherOnly']],
    ['decipherOnly in the second byte', [0x00, 0x80], ['decipherOnly']],
    ['nothing past decipherOnly', [0x00, 0x7f], []],
    ['no bits', [], []],
  ])('read %s', (_name, bytes, expected) => {
    expect(keyUsagesOf(new Uint8Array(bytes))).toEqual(expected);
  });
});

describe('whether a keyUsage allows signing', () => {
  it.each<[string, KeyUsage[] | null, boolean]>([
    ['an absent keyUsage (unrestricted)', null, true],
    ['digitalSignature', ['digitalSignature'], true],
    ['nonRepudiation', ['nonRepudiation'], true],
    ['both', ['digitalSignature', 'nonRepudiation'], true],
    ['digitalSignature among others', ['keyEncipherment', 'digitalSignature'], true],
    ['keyEncipherment only', ['keyEncipherment'], false],
    ['keyAgreement and dataEncipherment', ['keyAgreement', 'dataEncipherment'], false],
    ['a CA key (keyCertSign, cRLSign)', ['keyCertSign', 'cRLSign'], false],
    ['an empty keyUsage', [], false],
  ])('is %s → %p', (_name, usages, expected) => {
    expect(keyUsageAllowsSigning(usages)).toBe(expected);
  });
});
