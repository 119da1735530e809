import {
  expectRegistryAnswer,
  registryAnswerProblems,
  registryRequestProblems,
  schemaProblems,
  type RegistryOperationKey,
} from '../../support/registry/registry-answer.js';
import { REGISTRY_EXAMPLES } from './registry/registry-examples.js';

const AMR_APPROVE =
  'PATCH /api/persons/{id}/authentication_method_requests/{request_id}/actions/approve';
const AMR_CREATE = 'POST /api/persons/{id}/authentication_method_requests';
const METHODS = 'GET /api/persons/{id}/authentication_methods';
const RELATIONSHIPS = 'GET /api/persons/{id}/confidant_person_relationships';
const CONFIDANT_REQUEST =
  'GET /api/persons/{id}/confidant_person_relationship_requests/{confidant_person_relationship_request_id}';
const ID = '7d23bebb-1cf3-4221-bf21-18aada444756';

const meta = (code: number, type = 'object') => ({
  code,
  url: 'http://localhost:3000/api/x',
  type,
  request_id: 'c0a8012e-7f1b-4d2a-9a51-4b1b1d2f6a10',
});

/** A registry example with the project's envelope, ready to be broken one field at a time. */
function answerFrom(operation: RegistryOperationKey, status: number): any {
  const found = REGISTRY_EXAMPLES.find((e) => e.operation === operation && e.of === status);
  if (found === undefined) throw new Error(`no example for ${operation} ${status}`);
  const copy = structuredClone(found.example) as any;
  copy.meta = meta(status, Array.isArray(copy.data) ? 'list' : 'object');
  return copy;
}
const v3Read = () => answerFrom('GET /api/v3/person_requests/{id}', 200);
const approved = () => ({ meta: meta(201), data: { id: ID, status: 'COMPLETED', channel: 'MIS' } });
const otpItem = () => answerFrom(METHODS, 200).data[1];
const confidantItem = () => answerFrom(RELATIONSHIPS, 200).data[0];
const amrCreated = () => answerFrom(AMR_CREATE, 201);
const invalid = [
  {
    entry_type: 'json_data_property',
    entry: '$.verification_code',
    rules: [{ rule: 'required', description: 'required property is missing', params: [] }],
  },
];

/** Each row: an answer that breaks one fact, and the problem the check must name. */
const BROKEN: [string, RegistryOperationKey, number, () => unknown, string][] = [
  [
    'a required field is missing',
    AMR_APPROVE,
    201,
    () => ({ ...approved(), data: { status: 'COMPLETED', channel: 'MIS' } }),
    "/data: must have required property 'id'",
  ],
  [
    'a status outside the enum',
    AMR_APPROVE,
    201,
    () => ({ ...approved(), data: { ...approved().data, status: 'NEW' } }),
    '/data/status: must be equal to one of the allowed values (COMPLETED)',
  ],
  [
    "today's verification answer with its extra status",
    'GET /api/verifications/{phone_number}',
    200,
    () => ({ meta: meta(200), data: { phone_number: '+380971234567', status: 'VERIFIED' } }),
    "/data: must NOT have additional properties 'status'",
  ],
  [
    'an unknown field in the closed data of a person request',
    'GET /api/v3/person_requests/{id}',
    200,
    () => ({ ...v3Read(), data: { ...v3Read().data, expires_at: '2026-01-01' } }),
    "/data: must NOT have additional properties 'expires_at'",
  ],
  [
    'person_id on a request that is not signed',
    'GET /api/v3/person_requests/{id}',
    200,
    () => ({ ...v3Read(), data: { ...v3Read().data, status: 'APPROVED', person_id: ID } }),
    '/data/status: must be equal to constant ("SIGNED")',
  ],
  [
    'an unmasked phone in urgent',
    'GET /api/v3/person_requests/{id}',
    200,
    () => ({
      ...v3Read(),
      urgent: {
        ...v3Read().urgent,
        authentication_method_current: [{ type: 'OTP', phone_number: '+380931234585' }],
      },
    }),
    '/urgent/authentication_method_current/0/phone_number: must be a masked phone such as +38097*****67',
  ],
  [
    "today's urgent method as an object with number",
    'GET /api/v3/person_requests/{id}',
    200,
    () => ({
      ...v3Read(),
      urgent: {
        ...v3Read().urgent,
        authentication_method_current: { type: 'OTP', number: '+38093*****85' },
      },
    }),
    '/urgent/authentication_method_current: must be array',
  ],
  [
    'a null urgent method on a person request (null is for an AMR only)',
    'GET /api/v3/person_requests/{id}',
    200,
    () => ({ ...v3Read(), urgent: { ...v3Read().urgent, authentication_method_current: null } }),
    '/urgent/authentication_method_current: must be array',
  ],
  [
    'an upload item with neither url nor number',
    'GET /api/v3/person_requests/{id}',
    200,
    () => ({ ...v3Read(), urgent: { ...v3Read().urgent, documents: [{ type: 'PASSPORT' }] } }),
    "/urgent/documents/0: must have required property 'url'",
  ],
  [
    'a method type no deviation admits in the person',
    'GET /api/v3/person_requests/{id}',
    200,
    () => {
      const a = v3Read();
      a.data.person.authentication_methods = [{ type: 'EMAIL' }];
      return a;
    },
    '/data/person/authentication_methods/0/type: must be equal to one of the allowed values (OTP, OFFLINE, NA, THIRD_PERSON)',
  ],
  [
    'NA as the current method of an AMR (the registry lists OTP and OFFLINE)',
    AMR_CREATE,
    201,
    () => ({
      ...amrCreated(),
      urgent: { ...amrCreated().urgent, authentication_method_current: [{ type: 'NA' }] },
    }),
    '/urgent/authentication_method_current/0/type: must be equal to one of the allowed values (OTP, OFFLINE, THIRD_PERSON)',
  ],
  [
    'invalid on a 422 that is not validation_failed',
    AMR_APPROVE,
    422,
    () => ({
      meta: meta(422),
      error: { type: 'forbidden', message: 'Invalid verification code', invalid },
    }),
    '/error/type: must be equal to constant ("validation_failed")',
  ],
  [
    'invalid on a 403 (the deviation is for 422)',
    METHODS,
    403,
    () => ({
      meta: meta(403),
      error: { type: 'forbidden', message: 'Such person not found', invalid },
    }),
    "/error: must NOT have additional properties 'invalid'",
  ],
  [
    'a fifth paging field',
    'GET /api/v3/person_requests',
    200,
    () => {
      const a = answerFrom('GET /api/v3/person_requests', 200);
      a.paging.has_more = true;
      return a;
    },
    "/paging: must NOT have additional properties 'has_more'",
  ],
  [
    'a confidant request CANCELLED with two L',
    CONFIDANT_REQUEST,
    200,
    () => {
      const a = answerFrom(CONFIDANT_REQUEST, 200);
      a.data.status = 'CANCELLED';
      return a;
    },
    '/data/status: must be equal to one of the allowed values (NEW, APPROVED, COMPLETED, CANCELED, EXPIRED)',
  ],
  [
    'a confidant request action no route knows',
    CONFIDANT_REQUEST,
    200,
    () => {
      const a = answerFrom(CONFIDANT_REQUEST, 200);
      a.data.action = 'UPDATE';
      return a;
    },
    '/data/action: must be equal to one of the allowed values (INSERT, DEACTIVATE)',
  ],
  [
    'an unmasked phone in the methods list',
    METHODS,
    200,
    () => ({ meta: meta(200, 'list'), data: [{ ...otpItem(), phone_number: '+380931234585' }] }),
    '/data/0/phone_number: must be a masked phone such as +38097*****67',
  ],
  [
    'an NA method in the list',
    METHODS,
    200,
    () => ({ meta: meta(200, 'list'), data: [{ ...otpItem(), type: 'NA' }] }),
    '/data/0: must match a schema in anyOf',
  ],
  [
    'a method without inserted_by',
    METHODS,
    200,
    () => {
      const { inserted_by: _dropped, ...item } = otpItem();
      return { meta: meta(200, 'list'), data: [item] };
    },
    "/data/0: must have required property 'inserted_by'",
  ],
  [
    "an unmasked confidant's tax id",
    RELATIONSHIPS,
    200,
    () => {
      const item = confidantItem();
      item.confidant_person.tax_id = '3126509816';
      return {
        meta: meta(200, 'list'),
        data: [item],
        paging: answerFrom(RELATIONSHIPS, 200).paging,
      };
    },
    '/data/0/confidant_person/tax_id: must be masked to its last 2 characters such as ********50',
  ],
  [
    "a confidant's full name",
    RELATIONSHIPS,
    200,
    () => {
      const item = confidantItem();
      item.confidant_person.name = 'Петров Андрій Андрійович';
      return {
        meta: meta(200, 'list'),
        data: [item],
        paging: answerFrom(RELATIONSHIPS, 200).paging,
      };
    },
    '/data/0/confidant_person/name: must be masked to last name and initials such as Шевченко Т.Г.',
  ],
  [
    'a search item without merged_persons',
    'GET /api/persons',
    200,
    () => {
      const { merged_persons: _dropped, ...item } = answerFrom('GET /api/persons', 200).data[0];
      return { meta: meta(200, 'list'), data: [item] };
    },
    "/data/0: must have required property 'merged_persons'",
  ],
  [
    'a register of the verification details without its reason',
    'GET /api/persons/{id}/verification',
    200,
    () => {
      const a = answerFrom('GET /api/persons/{id}/verification', 200);
      delete a.data.details.nhs.verification_reason;
      return a;
    },
    "/data/details/nhs: must have required property 'verification_reason'",
  ],
  [
    'a success status the registry does not document',
    'POST /api/verifications',
    201,
    () => answerFrom('POST /api/verifications', 200),
    '(status): the registry documents no 201 answer here (it documents 200)',
  ],
  [
    'meta.code that is not the HTTP status',
    AMR_APPROVE,
    201,
    () => ({ ...approved(), meta: meta(200) }),
    '/meta/code: must be the HTTP status 201',
  ],
  [
    'a list answered with meta.type object',
    METHODS,
    200,
    () => ({ meta: meta(200), data: [otpItem()] }),
    '/meta/type: must be list',
  ],
  [
    'a success answer without data',
    AMR_APPROVE,
    201,
    () => ({ meta: meta(201) }),
    '(root): a success answer must have data',
  ],
  [
    'an error of the wrong type for its status (not listed by the registry)',
    AMR_APPROVE,
    404,
    () => ({ meta: meta(404), error: { type: 'forbidden', message: 'Not found' } }),
    '/error/type: must be equal to one of the allowed values (not_found)',
  ],
  [
    'an error answer that also carries data',
    AMR_APPROVE,
    409,
    () => ({
      meta: meta(409),
      error: { type: 'request_conflict', message: 'Invalid transition' },
      data: {},
    }),
    '(root): an error answer must not have data',
  ],
];

describe("the check of an answer against the registry's contract", () => {
  it.each(BROKEN)('refuses %s', (_name, operation, status, body, problem) => {
    expect(registryAnswerProblems(operation, status, body())).toContain(problem);
  });

  it.each([
    ['an AMR approve as the registry answers it', AMR_APPROVE, 201, approved()],
    [
      'a validation_failed 422 with invalid',
      AMR_APPROVE,
      422,
      {
        meta: meta(422),
        error: { type: 'validation_failed', message: 'Validation failed', invalid },
      },
    ],
    [
      'a null urgent method on an AMR',
      AMR_CREATE,
      201,
      { ...amrCreated(), urgent: { authentication_method_current: null, documents: [] } },
    ],
    [
      'an OFFLINE method with no end and no author',
      METHODS,
      200,
      {
        meta: meta(200, 'list'),
        data: [
          {
            id: ID,
            type: 'OFFLINE',
            is_active: true,
            ended_at: null,
            inserted_at: '2026-01-01T00:00:00.000Z',
            inserted_by: null,
            updated_by: null,
          },
        ],
      },
    ],
    [
      'a search item of a person stored without a birth place',
      'GET /api/persons',
      200,
      {
        meta: meta(200, 'list'),
        data: [
          {
            ...answerFrom('GET /api/persons', 200).data[0],
            birth_country: null,
            birth_settlement: null,
          },
        ],
      },
    ],
    [
      'a signed person request with person_id',
      'GET /api/v3/person_requests/{id}',
      200,
      { ...v3Read(), data: { ...v3Read().data, person_id: ID, inserted_at: 'x', updated_at: 'y' } },
    ],
    [
      'a confidant request CANCELED with one L',
      CONFIDANT_REQUEST,
      200,
      { meta: meta(200), data: { ...answerFrom(CONFIDANT_REQUEST, 200).data, status: 'CANCELED' } },
    ],
    [
      'a 404 in the project envelope (the registry lists none here)',
      AMR_APPROVE,
      404,
      {
        meta: meta(404),
        error: { type: 'not_found', message: 'Authentication method request not found' },
      },
    ],
  ] as const)('accepts %s', (_name, operation, status, body) => {
    expect(registryAnswerProblems(operation, status, body)).toEqual([]);
  });

  it('fails a test with every problem, each with its JSON path', () => {
    const body = { meta: meta(200), data: { id: ID, status: 'NEW' } };
    expect(() => expectRegistryAnswer(AMR_APPROVE, { status: 200, body })).toThrow(
      `${AMR_APPROVE} answered 200 outside the registry's contract:\n` +
        '  (status): the registry documents no 200 answer here (it documents 201, 422)',
    );
    expect(() => expectRegistryAnswer(AMR_APPROVE, 201, { ...body, meta: meta(201) })).toThrow(
      [
        `${AMR_APPROVE} answered 201 outside the registry's contract:`,
        "  /data: must have required property 'channel'",
        '  /data/status: must be equal to one of the allowed values (COMPLETED)',
      ].join('\n'),
    );
  });

  it('passes an answer that keeps the contract, given as status and body or as a response', () => {
    expect(() => expectRegistryAnswer(AMR_APPROVE, 201, approved())).not.toThrow();
    expect(() =>
      expectRegistryAnswer(AMR_APPROVE, { status: 201, body: approved() }),
    ).not.toThrow();
  });
});

describe("the registry's request bodies", () => {
  /** The registry's literal create body: its `oneOf`s hold identical branches. */
  const literalAmrCreate = {
    allOf: [
      {
        oneOf: [1, 2, 3].map(() => ({
          properties: { action: { type: 'string' } },
          required: ['action'],
        })),
      },
    ],
  };
  const insertOtp = {
    action: 'INSERT',
    authentication_method: { type: 'OTP', phone_number: '+380501234567' },
  };

  it('read the AMR create body as its branches intend, since the literal one accepts nothing', () => {
    expect(schemaProblems(literalAmrCreate, insertOtp)).toContain(
      '(root): must match exactly one schema in oneOf',
    );
    expect(registryRequestProblems(AMR_CREATE, insertOtp)).toEqual([]);
    expect(
      registryRequestProblems(AMR_CREATE, {
        action: 'DEACTIVATE',
        authentication_method: { id: ID },
      }),
    ).toEqual([]);
    expect(registryRequestProblems(AMR_CREATE, { authentication_method: { id: ID } })).toContain(
      "(root): must have required property 'action'",
    );
    expect(
      registryRequestProblems(AMR_CREATE, {
        action: 'INSERT',
        authentication_method: { type: 'EMAIL' },
      }),
    ).toContain(
      '/authentication_method/type: must be equal to one of the allowed values (THIRD_PERSON, OTP, OFFLINE)',
    );
  });

  it('say so when the registry describes no body', () => {
    expect(registryRequestProblems('GET /api/persons', {})).toEqual([
      '(request): the registry describes no request body for GET /api/persons',
    ]);
  });
});
