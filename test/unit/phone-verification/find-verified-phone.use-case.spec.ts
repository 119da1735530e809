import { FindVerifiedPhoneUseCase } from '../../../src/phone-verification/application/find-verified-phone.use-case.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import { CallJournal } from '../../support/fakes/call-journal.js';
import { FakeOtpVerifier } from '../../support/fakes/fake-otp-verifier.js';

const VERIFIED = '+380971234567';

describe('FindVerifiedPhoneUseCase', () => {
  let journal: CallJournal;
  let find: FindVerifiedPhoneUseCase;

  beforeEach(() => {
    journal = new CallJournal();
    find = new FindVerifiedPhoneUseCase(new FakeOtpVerifier(journal).verified(VERIFIED));
  });

  it('finds a phone that completed a code', async () => {
    await expect(find.execute(VERIFIED)).resolves.toEqual({
      phoneNumber: VERIFIED,
      status: 'VERIFIED',
    });
  });

  it('answers 404 for a phone that did not', async () => {
    await expect(find.execute('+380971234568')).rejects.toMatchObject(ERRORS.verificationNotFound);
    expect(journal.entries).toEqual(['otp.isVerified +380971234568']);
  });

  it.each(['380971234567', '+38097123456', '+3809712345678', '+480971234567', '+380 97 123 45 67'])(
    'answers 404 for %s, which cannot be a Ukrainian phone, without asking the OTP service',
    async (phone) => {
      await expect(find.execute(phone)).rejects.toMatchObject(ERRORS.verificationNotFound);
      expect(journal.entries).toEqual([]);
    },
  );
});
