import {
  RESEND_TOO_SOON_TEXT,
  assertResendAllowed,
  codeExpiry,
  decideAttempt,
  isCodeOpen,
  isSendingAlive,
  nextSend,
  type AttemptDecision,
  type CodeState,
} from '../../../src/otp-built-in/domain/otp-rules.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { DomainError } from '../../../src/kernel/domain/errors.js';

const SENT_AT = new Date('2026-11-23T10:00:00.000Z');
const MAX = 3;
const TTL_MINUTES = 15;
const MINUTE = 60_000;

function stateAfter(attempts: number): CodeState {
  return { attempts, codeExpiredAt: codeExpiry(SENT_AT, TTL_MINUTES) };
}

describe('a completion attempt', () => {
  const clock = new FixedClock(SENT_AT);

  beforeEach(() => clock.set(SENT_AT));

  it.each<[string, number, boolean, number, AttemptDecision]>([
    ['verifies the right code', 0, true, 1, { verified: true, attempts: 0 }],
    [
      'verifies the right code after wrong ones',
      MAX - 1,
      true,
      1,
      { verified: true, attempts: MAX - 1 },
    ],
    [
      'refuses a wrong code and counts the attempt',
      0,
      false,
      1,
      { verified: false, reason: 'invalid_code', attempts: 1 },
    ],
    [
      'refuses the last wrong code as invalid and closes the code',
      MAX - 1,
      false,
      1,
      { verified: false, reason: 'invalid_code', attempts: MAX },
    ],
    [
      'refuses the right code once the code is closed',
      MAX,
      true,
      1,
      { verified: false, reason: 'attempts_exceeded', attempts: MAX },
    ],
    [
      'refuses a wrong code once the code is closed without counting it',
      MAX,
      false,
      1,
      { verified: false, reason: 'attempts_exceeded', attempts: MAX },
    ],
    [
      'verifies the right code one minute before expiry',
      0,
      true,
      TTL_MINUTES - 1,
      { verified: true, attempts: 0 },
    ],
    [
      'refuses the right code at the moment it expires',
      0,
      true,
      TTL_MINUTES,
      { verified: false, reason: 'expired', attempts: 0 },
    ],
    [
      'refuses a wrong code after expiry as expired without counting it',
      1,
      false,
      TTL_MINUTES + 5,
      { verified: false, reason: 'expired', attempts: 1 },
    ],
    [
      'answers expired before attempts exceeded',
      MAX,
      false,
      TTL_MINUTES + 1,
      { verified: false, reason: 'expired', attempts: MAX },
    ],
  ])('%s', (_name, attempts, right, minutesLater, expected) => {
    clock.advance(minutesLater * MINUTE);
    expect(decideAttempt(stateAfter(attempts), right, clock.now(), MAX)).toEqual(expected);
  });

  it('gives attempts_exceeded to every attempt after the last wrong one', () => {
    let state = stateAfter(0);
    const reasons: string[] = [];
    for (let i = 0; i < MAX + 2; i++) {
      const decision = decideAttempt(state, i >= MAX, clock.now(), MAX);
      reasons.push(decision.verified ? 'verified' : decision.reason);
      state = { ...state, attempts: decision.attempts };
    }
    expect(reasons).toEqual([
      'invalid_code',
      'invalid_code',
      'invalid_code',
      'attempts_exceeded',
      'attempts_exceeded',
    ]);
  });

  it.each<[string, number, number, boolean]>([
    ['a fresh code', 0, 0, true],
    ['a code with attempts left', MAX - 1, 10, true],
    ['a code closed by wrong attempts', MAX, 0, false],
    ['an expired code', 0, TTL_MINUTES, false],
  ])('tells whether %s is open', (_name, attempts, minutesLater, open) => {
    clock.advance(minutesLater * MINUTE);
    expect(isCodeOpen(stateAfter(attempts), clock.now(), MAX)).toBe(open);
  });

  it('makes a code expire OTP_CODE_TTL_MINUTES after it is sent', () => {
    expect(codeExpiry(SENT_AT, 15).toISOString()).toBe('2026-11-23T10:15:00.000Z');
  });
});

describe('the resend interval', () => {
  const clock = new FixedClock(SENT_AT);

  beforeEach(() => clock.set(SENT_AT));

  it.each<[string, Date | null, number, number]>([
    ['the first code of a phone', null, 0, 60],
    ['a code one interval after the last', SENT_AT, 60_000, 60],
    ['a code long after the last', SENT_AT, 3_600_000, 60],
    ['any code when the interval is 0', SENT_AT, 0, 0],
  ])('allows %s', (_name, lastSentAt, msLater, interval) => {
    clock.advance(msLater);
    expect(() => assertResendAllowed(lastSentAt, clock.now(), interval)).not.toThrow();
  });

  it.each<[string, number, number, number]>([
    ['at once', 0, 60, 60],
    ['after 1 ms', 1, 60, 60],
    ['after 59.5 s', 59_500, 60, 1],
    ['after 59.999 s', 59_999, 60, 1],
    ['after 30 s of 120', 30_000, 120, 90],
    ['when the clock stepped back', -10_000, 60, 60],
  ])(
    'refuses a new code %s with rate_limited and the seconds to wait',
    (_name, msLater, interval, retryAfter) => {
      clock.advance(msLater);
      let caught: unknown;
      try {
        assertResendAllowed(SENT_AT, clock.now(), interval);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect(caught).toMatchObject({
        code: 'rate_limited',
        message: RESEND_TOO_SOON_TEXT,
        retryAfterSeconds: retryAfter,
      });
    },
  );
});

describe('a code being sent', () => {
  const SMS_TIMEOUT_MS = 5_000;

  it.each<[string, number, boolean]>([
    ['at once', 0, true],
    ['at the SMS timeout', SMS_TIMEOUT_MS, true],
    ['just before the timeout and the margin', SMS_TIMEOUT_MS + 1_999, true],
    ['at the timeout and the margin', SMS_TIMEOUT_MS + 2_000, false],
    ['a day later', 86_400_000, false],
  ])('may still become live %s: %s', (_name, msLater, alive) => {
    expect(isSendingAlive(SENT_AT, new Date(SENT_AT.getTime() + msLater), SMS_TIMEOUT_MS)).toBe(
      alive,
    );
  });
});

describe('the next code of a purpose', () => {
  const at = (msLater: number): Date => new Date(SENT_AT.getTime() + msLater);

  it.each<[string, Date | null, boolean, number, number, 'send' | 'wait']>([
    ['goes out for a purpose never sent', null, false, 0, 60, 'send'],
    ['goes out after the interval', SENT_AT, false, 60_000, 60, 'send'],
    ['waits for a code still being sent when the interval allows it', SENT_AT, true, 0, 0, 'wait'],
    ['waits for a code still being sent past the interval', SENT_AT, true, 2_000, 1, 'wait'],
  ])('%s', (_name, lastSentAt, stillSending, msLater, interval, turn) => {
    expect(nextSend(lastSentAt, stillSending, at(msLater), interval)).toBe(turn);
  });

  it.each<[string, boolean]>([
    ['after a code sent', false],
    ['after a code still being sent', true],
  ])('is refused inside the interval %s, with the seconds left', (_name, stillSending) => {
    expect(() => nextSend(SENT_AT, stillSending, at(15_000), 60)).toThrow(
      expect.objectContaining({ code: 'rate_limited', retryAfterSeconds: 45 }),
    );
  });
});
