import {
  createRejection,
  type CreateContext,
} from '../../../src/auth-method-request/domain/create-rules.js';
import type { RequestedMethod } from '../../../src/auth-method-request/domain/auth-method-request.js';
import { currentMethod } from '../../../src/request-lifecycle/domain/current-method.js';
import type { AuthMethod, Person } from '../../../src/person/domain/person.js';
import { DomainError } from '../../../src/kernel/domain/errors.js';
import { aMethod } from '../../support/mothers.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const TODAY = '2026-11-23';
const PERSON_ID = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const THIRD_ID = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

const otp = aMethod({ type: 'OTP', phoneNumber: '+380971234567' });
const offline = aMethod({ type: 'OFFLINE' });
const na = aMethod({ type: 'NA' });
const viaThird = aMethod({ type: 'THIRD_PERSON', value: THIRD_ID, alias: 'Mum' });
const thirdOtp = aMethod({ type: 'OTP', phoneNumber: '+380501112233' });

type Third = NonNullable<CreateContext['thirdPerson']>;
const thirdPerson: Third = {
  id: THIRD_ID,
  status: 'active',
  birthDate: '1980-01-01',
  authenticationMethods: [thirdOtp],
};

const PASSPORT = { type: 'PASSPORT', number: 'АА123456', issuedAt: null, expirationDate: null };

function ctx(
  methods: AuthMethod[],
  overrides: Partial<CreateContext> & {
    birthDate?: string;
    documents?: Person['documents'];
  } = {},
): CreateContext {
  const person: CreateContext['person'] = {
    id: PERSON_ID,
    birthDate: overrides.birthDate ?? '1990-01-01',
    authenticationMethods: methods,
    documents: overrides.documents ?? [PASSPORT],
  };
  return {
    person,
    current: currentMethod(methods, NOW, new Map([[THIRD_ID, thirdPerson.authenticationMethods]])),
    now: NOW,
    today: TODAY,
    noSelfAuthAge: 14,
    phoneVerified: true,
    thirdPerson,
    ...overrides,
  };
}

type Expect = null | {
  code: 'conflict' | 'validation' | 'unverified';
  message?: string;
  entry?: string;
};

function check(
  action: 'insert' | 'update' | 'deactivate',
  method: RequestedMethod,
  context: CreateContext,
  expected: Expect,
): void {
  expect(summary(createRejection(action, method, context))).toEqual(
    expected === null ? null : expect.objectContaining(expected),
  );
}

/** A rejection as the table states it: its code, and its text (and path, for a 422). */
function summary(error: DomainError | null): Record<string, unknown> | null {
  if (error === null) return null;
  const [first] = error.invalid;
  return first === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, entry: first.entry, message: first.description };
}

// The domain names a refused field in its own words; the HTTP edge puts it on its JSON path.
const PHONE = 'phoneNumber';
const VALUE = 'value';
const ID = 'id';
const ALIAS = 'alias';

describe('create-time validation of an authentication method request', () => {
  describe('insert OTP', () => {
    it.each<[string, RequestedMethod, CreateContext, Expect]>([
      [
        'accepts a verified phone for an adult',
        { type: 'OTP', phoneNumber: '+380631234567' },
        ctx([offline]),
        null,
      ],
      [
        'requires phone_number',
        { type: 'OTP' },
        ctx([offline]),
        { code: 'validation', entry: PHONE },
      ],
      [
        'checks the phone format',
        { type: 'OTP', phoneNumber: '+38063123456' },
        ctx([offline]),
        { code: 'validation', entry: PHONE },
      ],
      [
        'refuses a value',
        { type: 'OTP', phoneNumber: '+380631234567', value: THIRD_ID },
        ctx([offline]),
        { code: 'validation', entry: VALUE },
      ],
      [
        'refuses a person under no_self_auth_age',
        { type: 'OTP', phoneNumber: '+380631234567' },
        ctx([viaThird], { birthDate: '2012-11-24' }),
        { code: 'conflict', message: "Person's age doesn't allow own authentication method" },
      ],
      [
        'accepts a person turning 14 today',
        { type: 'OTP', phoneNumber: '+380631234567' },
        ctx([viaThird], { birthDate: '2012-11-23' }),
        null,
      ],
      [
        'refuses an unverified phone',
        { type: 'OTP', phoneNumber: '+380631234567' },
        ctx([offline], { phoneVerified: false }),
        { code: 'unverified', message: 'Unverified phone number' },
      ],
      [
        'refuses the phone of an active OTP method',
        { type: 'OTP', phoneNumber: '+380971234567' },
        ctx([otp]),
        { code: 'conflict', message: 'Person already has auth method OTP with this phone number' },
      ],
      [
        'accepts the phone of an ended OTP method',
        { type: 'OTP', phoneNumber: '+380971234567' },
        ctx([{ ...otp, endedAt: new Date('2026-01-01T00:00:00Z') }]),
        null,
      ],
    ])('%s', (_name, method, context, expected) => check('insert', method, context, expected));
  });

  describe('insert OFFLINE', () => {
    it.each<[string, RequestedMethod, CreateContext, Expect]>([
      ['accepts an adult with OTP', { type: 'OFFLINE' }, ctx([otp]), null],
      [
        'refuses a phone_number',
        { type: 'OFFLINE', phoneNumber: '+380631234567' },
        ctx([otp]),
        { code: 'validation', entry: PHONE },
      ],
      [
        'refuses a value',
        { type: 'OFFLINE', value: THIRD_ID },
        ctx([otp]),
        { code: 'validation', entry: VALUE },
      ],
      [
        'refuses a person under no_self_auth_age',
        { type: 'OFFLINE' },
        ctx([viaThird], { birthDate: '2015-01-01' }),
        { code: 'conflict', message: "Person's age doesn't allow own authentication method" },
      ],
      [
        'refuses when the current method is OFFLINE',
        { type: 'OFFLINE' },
        ctx([offline]),
        { code: 'conflict', message: 'Person already has auth method OFFLINE' },
      ],
      [
        'refuses a person with no document to scan',
        { type: 'OFFLINE' },
        ctx([otp], { documents: [] }),
        { code: 'conflict', message: 'Person has no documents to verify' },
      ],
      ['accepts a person with NA and a document', { type: 'OFFLINE' }, ctx([]), null],
    ])('%s', (_name, method, context, expected) => check('insert', method, context, expected));
  });

  describe('insert THIRD_PERSON', () => {
    const tp = (extra: Partial<RequestedMethod> = {}): RequestedMethod => ({
      type: 'THIRD_PERSON',
      value: THIRD_ID,
      alias: 'Mum',
      ...extra,
    });
    it.each<[string, RequestedMethod, CreateContext, Expect]>([
      ['accepts an active adult third person with OTP', tp(), ctx([otp]), null],
      [
        'accepts one with OFFLINE',
        tp(),
        ctx([otp], { thirdPerson: { ...thirdPerson, authenticationMethods: [offline] } }),
        null,
      ],
      [
        'requires value',
        tp({ value: undefined }),
        ctx([otp]),
        { code: 'validation', entry: VALUE },
      ],
      [
        'requires alias',
        tp({ alias: undefined }),
        ctx([otp]),
        { code: 'validation', entry: ALIAS },
      ],
      [
        'refuses a phone_number',
        tp({ phoneNumber: '+380631234567' }),
        ctx([otp]),
        { code: 'validation', entry: PHONE },
      ],
      [
        'refuses an unknown third person',
        tp(),
        ctx([otp], { thirdPerson: null }),
        { code: 'validation', entry: VALUE, message: "such person doesn't exist" },
      ],
      [
        'refuses the person themself',
        tp({ value: PERSON_ID }),
        ctx([otp], { thirdPerson: { ...thirdPerson, id: PERSON_ID } }),
        { code: 'validation', entry: VALUE },
      ],
      [
        'refuses an inactive third person',
        tp(),
        ctx([otp], { thirdPerson: { ...thirdPerson, status: 'inactive' } }),
        { code: 'validation', entry: VALUE, message: 'third person must be active' },
      ],
      [
        'refuses a minor third person',
        tp(),
        ctx([otp], { thirdPerson: { ...thirdPerson, birthDate: '2008-11-24' } }),
        { code: 'validation', entry: VALUE, message: 'third person must be adult' },
      ],
      [
        'accepts a third person turning 18 today',
        tp(),
        ctx([otp], { thirdPerson: { ...thirdPerson, birthDate: '2008-11-23' } }),
        null,
      ],
      [
        'refuses a third person without OTP or OFFLINE',
        tp(),
        ctx([otp], { thirdPerson: { ...thirdPerson, authenticationMethods: [na] } }),
        {
          code: 'validation',
          entry: VALUE,
          message: 'third person must has auth method OTP or OFFLINE',
        },
      ],
      [
        'refuses an already active third person',
        tp(),
        ctx([otp, viaThird]),
        { code: 'conflict', message: 'Person already has this third person' },
      ],
      [
        'refuses an adult whose current method is NA',
        tp(),
        ctx([na]),
        { code: 'conflict', message: "Person can't be authorized with NA authentication method" },
      ],
      [
        'accepts a child whose current method is NA',
        tp(),
        ctx([na], { birthDate: '2016-01-01' }),
        null,
      ],
    ])('%s', (_name, method, context, expected) => check('insert', method, context, expected));
  });

  describe('update', () => {
    it.each<[string, RequestedMethod, CreateContext, Expect]>([
      ['renames an active method', { id: otp.id, alias: 'work' }, ctx([otp]), null],
      ['requires alias', { id: otp.id }, ctx([otp]), { code: 'validation', entry: ALIAS }],
      ['requires id', { alias: 'work' }, ctx([otp]), { code: 'validation', entry: ID }],
      [
        'refuses a method of someone else',
        { id: thirdOtp.id, alias: 'work' },
        ctx([otp]),
        {
          code: 'validation',
          entry: ID,
          message: 'such authentication method does not belong to this person',
        },
      ],
      [
        'refuses an ended method',
        { id: offline.id, alias: 'x' },
        ctx([otp, { ...offline, endedAt: new Date('2026-01-01T00:00:00Z') }]),
        {
          code: 'validation',
          entry: ID,
          message: 'such authentication method does not belong to this person',
        },
      ],
      [
        'refuses when the current method is NA',
        { id: na.id, alias: 'x' },
        ctx([na]),
        { code: 'conflict', message: "Person can't be authorized with NA authentication method" },
      ],
    ])('%s', (_name, method, context, expected) => check('update', method, context, expected));
  });

  describe('deactivate', () => {
    it.each<[string, RequestedMethod, CreateContext, Expect]>([
      [
        'deactivates an active THIRD_PERSON method',
        { id: viaThird.id },
        ctx([otp, viaThird]),
        null,
      ],
      [
        'refuses an OTP method',
        { id: otp.id },
        ctx([otp, viaThird]),
        {
          code: 'validation',
          entry: ID,
          message: 'such authentication method does not belong to this person',
        },
      ],
      [
        'refuses an alias',
        { id: viaThird.id, alias: 'x' },
        ctx([otp, viaThird]),
        { code: 'validation', entry: ALIAS },
      ],
      [
        'refuses when the current method is NA',
        { id: na.id },
        ctx([na]),
        { code: 'conflict', message: "Person can't be authorized with NA authentication method" },
      ],
    ])('%s', (_name, method, context, expected) => check('deactivate', method, context, expected));
  });
});
