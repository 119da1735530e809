import { VERIFICATION_STATUSES, type VerificationStatus } from './person.js';

/**
 * The state registers the registry checks a person against, in the order it answers them
 * (docs/api.md, Read a person's verification details), with the one extra value each reports.
 */
export const PERSON_REGISTERS = {
  drfo: 'result',
  dracs_death: 'comment',
  dracs_birth: 'comment',
  dracs_name_change: 'comment',
  legal_capacity: null,
  mvs_passport: 'status',
  dms_passport: 'status',
  nhs: 'comment',
  unzr: 'status',
} as const satisfies Record<string, 'result' | 'status' | 'comment' | null>;
export type PersonRegister = keyof typeof PERSON_REGISTERS;

/** The registry's PERSON_VERIFICATION_STATUS_REASONS a register's result may carry. */
export const REGISTER_VERIFICATION_REASONS = [
  'AUTO',
  'AUTO_ONLINE',
  'AUTO_DATA_ABSENT',
  'MANUAL',
  'MANUAL_COMFIRMED',
] as const;
export type RegisterVerificationReason = (typeof REGISTER_VERIFICATION_REASONS)[number];

/** What a register said of a person, as a host records it. */
export interface RegisterVerification {
  readonly register: PersonRegister;
  readonly verificationStatus: VerificationStatus;
  readonly verificationReason: RegisterVerificationReason;
  /** dracs_death, dracs_birth, dracs_name_change, nhs: the register's comment. */
  readonly comment?: string | null;
  /** drfo: the DRFO_RESULT code. */
  readonly result?: number | null;
  /** unzr, mvs_passport, dms_passport: the register's status code. */
  readonly status?: number | null;
}

/**
 * A register this service has no result from: it has no link to the state registers, so each
 * starts unverified, as the registry's automatic check leaves a register it could not reach.
 */
export function notVerified(register: PersonRegister): RegisterVerification {
  return { register, verificationStatus: 'NOT_VERIFIED', verificationReason: 'AUTO' };
}

/** Every register, in the registry's order: the recorded result, else `notVerified`. */
export function registerDetails(recorded: readonly RegisterVerification[]): RegisterVerification[] {
  return (Object.keys(PERSON_REGISTERS) as PersonRegister[]).map(
    (register) => recorded.find((r) => r.register === register) ?? notVerified(register),
  );
}

/**
 * What is wrong with a result a host wants to record, one line per problem (an unknown register,
 * status or reason; an extra value the register does not report, or of the wrong kind).
 */
export function registerVerificationProblems(v: RegisterVerification): string[] {
  if (!Object.hasOwn(PERSON_REGISTERS, v.register)) return [`unknown register ${v.register}`];
  const problems: string[] = [];
  if (!(VERIFICATION_STATUSES as readonly string[]).includes(v.verificationStatus)) {
    problems.push(`unknown verification status ${v.verificationStatus}`);
  }
  if (!(REGISTER_VERIFICATION_REASONS as readonly string[]).includes(v.verificationReason)) {
    problems.push(`unknown verification reason ${v.verificationReason}`);
  }
  const extra = PERSON_REGISTERS[v.register];
  for (const key of ['comment', 'result', 'status'] as const) {
    const value = v[key];
    if (value === undefined || value === null) continue;
    if (key !== extra) problems.push(`${v.register} reports no ${key}`);
    else if (key === 'comment' ? typeof value !== 'string' : !Number.isInteger(value)) {
      problems.push(`${key} of ${v.register} must be ${key === 'comment' ? 'text' : 'an integer'}`);
    }
  }
  return problems;
}
