import { CodeSender } from '../../../src/otp/application/code-sender.js';
import { ERRORS } from '../../../src/error-catalogue.js';
import { Confirmation } from '../../../src/request-lifecycle/application/confirmation.js';
import { confirmationCode } from '../../../src/request-lifecycle/domain/confirmation-code.js';
import type { CurrentMethod } from '../../../src/request-lifecycle/domain/current-method.js';
import type { DocumentSlot } from '../../../src/request-lifecycle/domain/document-slot.js';
import { LIFECYCLE_ERRORS } from '../../../src/request-lifecycle/domain/lifecycle-errors.js';
import { CallJournal } from '../../support/fakes/call-journal.js';
import { FakeOtpVerifier } from '../../support/fakes/fake-otp-verifier.js';
import { FakeSmsBudget } from '../../support/fakes/fake-sms-budget.js';
import { InMemoryDocumentStorage } from '../../support/fakes/in-memory-document-storage.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { requestPurpose } from '../../../src/otp/domain/otp-purpose.js';
import { CLIENT_ID, NOW } from '../../support/mothers.js';

const PHONE = '+380971234567';
const KIND = 'person_requests';
const REQUEST = requestPurpose(KIND, 'r1', CLIENT_ID);
const OTHER_REQUEST = requestPurpose(KIND, 'r2', CLIENT_ID);

/** The request `id` confirmed by `current`, with scans in `documents`. */
const request = (current: CurrentMethod, documents: readonly DocumentSlot[] = [], id = 'r1') => ({
  id,
  authenticationMethodCurrent: current,
  documents,
});
const OTP: CurrentMethod = { type: 'OTP', verifiedBy: 'OTP', phoneNumber: PHONE };
const OFFLINE: CurrentMethod = { type: 'OFFLINE', verifiedBy: 'OFFLINE' };
const NA: CurrentMethod = { type: 'NA', verifiedBy: 'NA' };
const PASSPORT: DocumentSlot = { type: 'PASSPORT', key: 'person_requests/r1/PASSPORT.jpeg' };
const NATIONAL_ID: DocumentSlot = {
  type: 'NATIONAL_ID',
  key: 'person_requests/r1/NATIONAL_ID.jpeg',
};
const PERMIT: DocumentSlot = {
  type: 'PERMANENT_RESIDENCE_PERMIT',
  key: 'person_requests/r1/PERMANENT_RESIDENCE_PERMIT.jpeg',
};

describe('Confirmation', () => {
  let journal: CallJournal;
  let otp: FakeOtpVerifier;
  let budget: FakeSmsBudget;
  let storage: InMemoryDocumentStorage;
  let confirmation: Confirmation;

  const build = (documents: InMemoryDocumentStorage) =>
    new Confirmation(otp, new CodeSender(otp, budget, new FixedClock(NOW)), documents);

  beforeEach(() => {
    journal = new CallJournal();
    otp = new FakeOtpVerifier(journal).issue(PHONE, '4321', REQUEST);
    budget = new FakeSmsBudget(Number.POSITIVE_INFINITY, journal);
    storage = new InMemoryDocumentStorage(journal);
    confirmation = build(storage);
  });

  describe('confirm', () => {
    it('checks every scan before the code', async () => {
      storage.upload(PASSPORT.key, NATIONAL_ID.key);

      await confirmation.confirm(KIND, request(OTP, [PASSPORT, NATIONAL_ID]), CLIENT_ID, '4321');

      expect(journal.only('storage.', 'otp.')).toEqual([
        `storage.exists ${PASSPORT.key}`,
        `storage.exists ${NATIONAL_ID.key}`,
        `otp.complete ${PHONE} 4321`,
      ]);
    });

    it('answers 409 naming each missing scan in slot order, and costs no OTP attempt', async () => {
      storage.upload(NATIONAL_ID.key);

      await expect(
        confirmation.confirm(
          KIND,
          request(OTP, [PERMIT, NATIONAL_ID, PASSPORT]),
          CLIENT_ID,
          '4321',
        ),
      ).rejects.toMatchObject({
        code: 'conflict',
        message: 'Documents PERMANENT_RESIDENCE_PERMIT, PASSPORT is not uploaded',
      });

      expect(otp.attempts).toEqual([]);
      expect(otp.liveCode(PHONE, REQUEST)).toBe('4321');
    });

    it('answers the missing scans (409) before a missing code (422)', async () => {
      await expect(
        confirmation.confirm(KIND, request(OTP, [PASSPORT]), CLIENT_ID, undefined),
      ).rejects.toMatchObject({
        code: 'conflict',
        message: 'Documents PASSPORT is not uploaded',
        invalid: [],
      });

      expect(otp.attempts).toEqual([]);
    });

    it('accepts the right code for the phone of the current method', async () => {
      const viaMum: CurrentMethod = {
        type: 'THIRD_PERSON',
        verifiedBy: 'OTP',
        thirdPersonId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
        phoneNumber: '+380501112233',
      };
      otp.issue('+380501112233', '9876', REQUEST);

      await confirmation.confirm(KIND, request(viaMum), CLIENT_ID, 9876);

      expect(otp.attempts).toEqual([
        { phoneNumber: '+380501112233', purpose: REQUEST.key, code: '9876' },
      ]);
      expect(otp.verifiedPhones).toEqual(new Set(['+380501112233']));
    });

    it("checks the code against the request's own code only", async () => {
      await expect(
        confirmation.confirm(KIND, request(OTP, [], 'r2'), CLIENT_ID, '4321'),
      ).rejects.toMatchObject({
        code: 'otp_rejected',
        message: ERRORS.verificationNotFound.message,
      });
      expect(otp.liveCode(PHONE, REQUEST)).toBe('4321');
    });

    it('answers otp_rejected for a wrong code', async () => {
      await expect(
        confirmation.confirm(KIND, request(OTP), CLIENT_ID, '1111'),
      ).rejects.toMatchObject({
        code: 'otp_rejected',
        message: ERRORS.invalidCode.message,
      });
    });

    it.each([
      ['expired' as const, ERRORS.codeExpired.message],
      ['attempts_exceeded' as const, ERRORS.attemptsExceeded.message],
    ])('answers otp_rejected when the service says %s', async (reason, message) => {
      otp.refuseNextCompletion(reason);

      await expect(
        confirmation.confirm(KIND, request(OTP), CLIENT_ID, '4321'),
      ).rejects.toMatchObject({
        code: 'otp_rejected',
        message,
      });
    });

    it.each<[string, CurrentMethod, DocumentSlot[]]>([
      ['OFFLINE, with its scans', OFFLINE, [PASSPORT]],
      ['NA', NA, []],
    ])('checks no code for a current method verified by %s', async (_n, current, slots) => {
      storage.upload(PASSPORT.key);

      await confirmation.confirm(KIND, request(current, slots), CLIENT_ID, 'not even digits');

      expect(otp.attempts).toEqual([]);
    });

    it.each([
      ['no code', undefined, 'required'],
      ['letters', '12ab', 'format'],
    ])('answers 422 for %s before any OTP attempt', async (_n, code, rule) => {
      await expect(confirmation.confirm(KIND, request(OTP), CLIENT_ID, code)).rejects.toMatchObject(
        {
          code: 'validation',
          invalid: [{ entry: '$.verification_code', rule }],
        },
      );
      expect(otp.attempts).toEqual([]);
    });
  });

  describe('confirmationCode', () => {
    it.each<[unknown, string]>([
      [1234, '1234'],
      ['1234', '1234'],
      ['0123', '0123'],
      [0, '0'],
      ['123456789012', '123456789012'],
    ])('reads %p as %s', (code, digits) => {
      expect(confirmationCode(code)).toBe(digits);
    });

    it.each<[unknown, string]>([
      [undefined, 'required'],
      [null, 'required'],
      ['', 'required'],
      [-1, 'format'],
      [12.5, 'format'],
      [2 ** 53, 'format'],
      ['1234567890123', 'format'],
      [' 1234', 'format'],
      ['12a4', 'format'],
      [true, 'format'],
      [[1234], 'format'],
    ])('refuses %p (%s)', (code, rule) => {
      expect(() => confirmationCode(code)).toThrow(
        expect.objectContaining({
          code: 'validation',
          invalid: [expect.objectContaining({ entry: '$.verification_code', rule })],
        }),
      );
    });
  });

  describe('sendCode', () => {
    it('sends a code of the request to the phone of the current method, counted for its client', async () => {
      await expect(confirmation.sendCode(KIND, request(OTP, [], 'r2'), CLIENT_ID)).resolves.toEqual(
        {
          id: expect.any(String),
          status: 'NEW',
          codeExpiredAt: new Date('2026-11-23T10:15:00.000Z'),
          active: true,
        },
      );
      expect(otp.sent).toEqual([PHONE]);
      expect(otp.sentFor).toEqual([OTHER_REQUEST.key]);
      expect(otp.liveCode(PHONE, REQUEST)).toBe('4321');
      expect(budget.counted(CLIENT_ID)).toBe(1);
    });

    it('answers 409 for a method without a phone and counts nothing', async () => {
      await expect(confirmation.sendCode(KIND, request(OFFLINE), CLIENT_ID)).rejects.toMatchObject(
        LIFECYCLE_ERRORS.authMethodNotOtp,
      );
      expect(journal.only('budget.', 'otp.')).toEqual([]);
    });
  });

  describe('uploadUrls', () => {
    /** A storage that answers the first key asked last, as concurrent signing can. */
    class OutOfOrderStorage extends InMemoryDocumentStorage {
      private asked = 0;
      override async uploadUrl(key: string): Promise<string> {
        const turn = this.asked++;
        for (let i = turn; i < 10; i++) await Promise.resolve();
        return super.uploadUrl(key);
      }
    }

    it('hands out one URL per slot in slot order, whatever order the storage answers in', async () => {
      const slow = new OutOfOrderStorage(journal);

      const urls = await build(slow).uploadUrls([PERMIT, PASSPORT, NATIONAL_ID]);

      expect(slow.urlKeys).toEqual([NATIONAL_ID.key, PASSPORT.key, PERMIT.key]);
      expect(urls).toEqual([
        { type: PERMIT.type, url: `https://storage.test/${PERMIT.key}?signature=fake` },
        { type: PASSPORT.type, url: `https://storage.test/${PASSPORT.key}?signature=fake` },
        { type: NATIONAL_ID.type, url: `https://storage.test/${NATIONAL_ID.key}?signature=fake` },
      ]);
    });

    it('asks the storage nothing when there are no slots', async () => {
      await expect(confirmation.uploadUrls([])).resolves.toEqual([]);
      await expect(confirmation.requireScans([])).resolves.toBeUndefined();
      expect(journal.entries).toEqual([]);
    });
  });
});
