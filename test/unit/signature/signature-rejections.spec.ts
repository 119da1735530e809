import {
  certificateExpired,
  certificateNotYetValid,
  SIGNATURE_REJECTIONS,
} from '../../../src/signature/domain/signature-rejections.js';

describe('signature refusal texts', () => {
  it.each<[string, string]>([
    [
      certificateExpired({ kind: 'signer' }, new Date('2026-01-01T00:00:00.000Z')),
      'The signer certificate has expired (valid until 2026-01-01T00:00:00Z)',
    ],
    [
      certificateNotYetValid(
        { kind: 'authority', name: 'Test CA' },
        new Date('2030-05-06T07:08:09.500Z'),
      ),
      'The certificate of the authority "Test CA" is not valid yet (valid from 2030-05-06T07:08:09Z)',
    ],
    [SIGNATURE_REJECTIONS.tooLarge, 'The signed content is larger than 512 KiB'],
    [
      SIGNATURE_REJECTIONS.tooManyCertificates,
      'The signed content carries more than 10 certificates',
    ],
    [
      SIGNATURE_REJECTIONS.chainTooLong,
      'The certificate chain is longer than 5 certificates, from the signer to a trust anchor',
    ],
  ])('reads %p', (text, expected) => {
    expect(text).toBe(expected);
  });
});
