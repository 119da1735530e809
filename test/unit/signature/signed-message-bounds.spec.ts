import { jest } from '@jest/globals';
import {
  SIGNED_MESSAGE_BOUNDS,
  signedMessageFromBase64,
  signedMessageTooLarge,
} from '../../../src/signature/domain/signed-message-bounds.js';

const MAX = SIGNED_MESSAGE_BOUNDS.maxBytes;
const base64Of = (size: number): string => Buffer.alloc(size, 0x5a).toString('base64');

describe('the size bound of a signed message', () => {
  it('is 512 KiB', () => {
    expect(MAX).toBe(524_288);
  });

  // Sizes around the bound in each of the three base64 paddings (none, "==", "=").
  it.each([MAX - 2, MAX - 1, MAX])('decodes %i bytes', (size) => {
    const message = signedMessageFromBase64(base64Of(size));
    expect(message.kind).toBe('bytes');
    const bytes = message.kind === 'bytes' ? message.bytes : new Uint8Array();
    // Compared as buffers: a deep equality of half a million elements takes seconds.
    expect(Buffer.from(bytes).equals(Buffer.alloc(size, 0x5a))).toBe(true);
  });

  it('decodes base64 broken over lines, counting no whitespace', () => {
    const lines = base64Of(MAX).replace(/(.{76})/g, '$1\r\n');
    expect(lines.length).toBeGreaterThan((MAX / 3) * 4 + 1000);
    expect(signedMessageFromBase64(lines)).toMatchObject({ kind: 'bytes' });
  });

  it.each([MAX + 1, MAX + 2, MAX + 3, 50 * 1024 * 1024])(
    'refuses %i bytes without checking or decoding the text',
    (size) => {
      const text = base64Of(size);
      const from = jest.spyOn(Buffer, 'from');
      try {
        expect(signedMessageFromBase64(text)).toEqual({ kind: 'too_large' });
        expect(from).not.toHaveBeenCalled();
      } finally {
        from.mockRestore();
      }
    },
  );

  it('refuses text over the bound as too large whatever it holds', () => {
    expect(signedMessageFromBase64('!'.repeat(800_000))).toEqual({ kind: 'too_large' });
  });

  it.each(['', ' \n', 'not base64!', 'QUJD=', 'QQ', 'QQ=='.repeat(2).slice(1)])(
    'refuses %j as not base64',
    (text) => {
      expect(signedMessageFromBase64(text)).toEqual({ kind: 'not_base64' });
    },
  );

  it.each([
    [MAX, false],
    [MAX + 1, true],
  ])('judges %i decoded bytes too large: %s', (size, tooLarge) => {
    expect(signedMessageTooLarge(new Uint8Array(size))).toBe(tooLarge);
  });
});
