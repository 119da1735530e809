import { createTestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';

// A file of its own: nestjs-pino keeps its root logger per module registry, so only the first
// app created in a test file writes to its logStream.
const PHONE = '+380971234567';
const ENCODED = encodeURIComponent(PHONE);
const bearer = (): string => `Bearer ${tokenFor('otp_verification:write')}`;

describe('phone verification logs', () => {
  it('never logs a code or a full phone outside the SMS line, which masks the phone', async () => {
    const lines: string[] = [];
    const t = await createTestApp({
      env: { LOG_LEVEL: 'info' },
      logStream: { write: (line: string) => void lines.push(line) },
    });
    try {
      await t.http
        .post('/api/verifications')
        .set('Authorization', bearer())
        .send({ phone_number: PHONE })
        .expect(201);
      const smsLines = lines.filter((l) => l.includes('Your verification code'));
      expect(smsLines).toHaveLength(1);
      const code = /code: (\d{4})/.exec(smsLines[0])![1];
      expect(smsLines[0]).toContain('+38097*****67');
      await t.http
        .patch(`/api/verifications/${ENCODED}/actions/complete`)
        .set('Authorization', bearer())
        .send({ code: Number(code) })
        .expect(200);
      const all = lines.join('\n');
      expect(all).not.toContain('380971234567');
      expect(all).not.toContain('%2B380971234567');
      expect(lines.filter((l) => l.includes(code))).toEqual(smsLines);
    } finally {
      await t.close();
    }
  });
});
