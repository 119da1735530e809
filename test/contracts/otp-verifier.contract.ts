import type { OtpVerifier } from '../../src/otp/application/otp-verifier.port.js';
import {
  phoneVerificationPurpose,
  requestPurpose,
  type OtpPurpose,
} from '../../src/otp/domain/otp-purpose.js';

const PHONE = '+380971234567';
const A_VERIFICATION = phoneVerificationPurpose('client-a');
const B_VERIFICATION = phoneVerificationPurpose('client-b');
const A_REQUEST = requestPurpose(
  'person_request',
  'e1a3f6b2-0c4d-4e5f-8a9b-0c1d2e3f4a5b',
  'client-a',
);
const A_OTHER_REQUEST = requestPurpose(
  'authentication_method_request',
  '5b4a3f2e-1d0c-4b9a-8f7e-6d5c4b3a2f10',
  'client-a',
);

/** An adapter under test, and how a test reads the code it sent last to a phone. */
export interface OtpVerifierSubject {
  readonly otp: OtpVerifier;
  sendCode(phone: string, purpose: OtpPurpose): Promise<string>;
}

const wrongOf = (code: string): string => (code === '1000' ? '1001' : '1000');
/** Codes that differ from one send to the next, so an old code is never the new one by chance. */
export function distinctCodes(): () => number {
  let n = 0;
  return () => 1000 + (n++ % 9000);
}

/**
 * The promises of the OtpVerifier port that every adapter keeps, and the fake the use-case specs
 * rely on too (docs/domain-rules.md, OTP verification): a code belongs to its purpose.
 * `makeSubject` answers an adapter that has sent no code yet.
 */
export function describeOtpVerifierContract(
  name: string,
  makeSubject: () => Promise<OtpVerifierSubject>,
): void {
  describe(`the OtpVerifier contract: ${name}`, () => {
    let subject: OtpVerifierSubject;

    beforeEach(async () => {
      subject = await makeSubject();
    });

    it('completes a code once, under its own purpose, and verifies the phone', async () => {
      const code = await subject.sendCode(PHONE, A_REQUEST);

      await expect(subject.otp.complete(PHONE, A_REQUEST, code)).resolves.toMatchObject({
        ok: true,
        verification: { status: 'VERIFIED', active: false },
      });
      await expect(subject.otp.complete(PHONE, A_REQUEST, code)).resolves.toEqual({
        ok: false,
        reason: 'not_found',
      });
      await expect(subject.otp.isVerified(PHONE)).resolves.toBe(true);
    });

    it.each([
      ["another client's phone verification", B_VERIFICATION],
      ["its own client's phone verification", A_VERIFICATION],
      ['another request of its client', A_OTHER_REQUEST],
    ])(
      'finds no code for %s, however often it tries, and spends none of the owner’s attempts',
      async (_n, intruder) => {
        const code = await subject.sendCode(PHONE, A_REQUEST);

        for (let i = 0; i < 4; i++) {
          await expect(subject.otp.complete(PHONE, intruder, wrongOf(code))).resolves.toEqual({
            ok: false,
            reason: 'not_found',
          });
        }
        await expect(subject.otp.complete(PHONE, intruder, code)).resolves.toEqual({
          ok: false,
          reason: 'not_found',
        });
        await expect(subject.otp.isVerified(PHONE)).resolves.toBe(false);

        await expect(subject.otp.complete(PHONE, A_REQUEST, code)).resolves.toMatchObject({
          ok: true,
        });
      },
    );

    it('replaces the old code of a purpose by its new one', async () => {
      const old = await subject.sendCode(PHONE, A_VERIFICATION);
      const fresh = await subject.sendCode(PHONE, A_VERIFICATION);

      const withOld = await subject.otp.complete(PHONE, A_VERIFICATION, old);
      expect(withOld.ok).toBe(false);
      await expect(subject.otp.complete(PHONE, A_VERIFICATION, fresh)).resolves.toMatchObject({
        ok: true,
      });
    });
  });
}
