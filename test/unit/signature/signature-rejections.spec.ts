import {
  certificateExpired,
  certificateNotYetValid,
  ofSigner,
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
    [ofSigner('Refused', 0, 1), 'Refused'],
    [ofSigner('Refused', 1, 3), 'Refused (signature 2 of 3)'],
  ])('reads %p', (text, expected) => {
    expect(text).toBe(expected);
  });
});
