import {
  checkApprovePersonRequestAnswer,
  checkCreatePersonRequestAnswer,
  checkPersonRequest,
  checkRejectPersonRequestAnswer,
  checkResendPersonRequestOtpAnswer,
  checkSignPersonRequestAnswer,
  NEWEST_PERSON_REQUEST_RULES,
  RELEASED_PERSON_REQUEST_RULES,
} from '../../../support/ohealth/person-request-calls.js';
import {
  checkSearchAnswer,
  NEWEST_SEARCH_RULES,
  RELEASED_SEARCH_RULES,
} from '../../../support/ohealth/person-calls.js';
import type { RegistryOperationKey } from '../../../support/registry/registry-answer.js';
import { REGISTRY_EXAMPLES } from '../registry/registry-examples.js';
import { breakEveryRule } from './break-rules.js';

/** A registry example as the good answer a check must accept. */
function example(operation: RegistryOperationKey, status: number): any {
  const found = REGISTRY_EXAMPLES.find((e) => e.operation === operation && e.of === status);
  if (found === undefined) throw new Error(`no example for ${operation}`);
  return structuredClone(found.example);
}
const v2Read = () => example('GET /api/v2/person_requests/{id}', 200);
const v3Read = () => example('GET /api/v3/person_requests/{id}', 200);
const without = (answer: any, part: 'data' | 'urgent', key: string) => {
  delete answer[part][key];
  return answer;
};

describe('the checks of the released client (v2) on a person request', () => {
  it("accept the registry's own example", () => {
    expect(checkPersonRequest('released', v2Read())).toEqual([]);
    expect(checkCreatePersonRequestAnswer('released', v2Read())).toEqual([]);
  });

  const plan = breakEveryRule(RELEASED_PERSON_REQUEST_RULES, v2Read());
  it.each(plan.broken.map((b) => [b.failure, b.body]))(
    'refuse an answer breaking %s',
    (failure, body) => {
      expect(checkPersonRequest('released', body)).toContain(failure);
    },
  );

  it('leave no rule untested', () => {
    expect(plan.unbreakable).toEqual([]);
  });

  it('refuse a create answer without id or urgent.documents (both read by PersonComponent::create)', () => {
    expect(
      checkCreatePersonRequestAnswer('released', without(v2Read(), 'urgent', 'documents')),
    ).toEqual(['documents: missing, read by PersonComponent::create']);
    expect(checkCreatePersonRequestAnswer('released', without(v2Read(), 'data', 'id'))).toEqual([
      'uuid: required',
      'id: missing, read by PersonComponent::create',
    ]);
  });
});

describe('the checks of the newest client (v3) on a person request', () => {
  it("accept the registry's own example", () => {
    expect(checkPersonRequest('newest', v3Read())).toEqual([]);
  });

  const plan = breakEveryRule(NEWEST_PERSON_REQUEST_RULES, v3Read());
  it.each(plan.broken.map((b) => [b.failure, b.body]))(
    'refuse an answer breaking %s',
    (failure, body) => {
      expect(checkPersonRequest('newest', body)).toContain(failure);
    },
  );

  it('leave untested only min:1 on names, which required already covers', () => {
    expect(plan.unbreakable).toEqual(['person.names: min:1']);
  });

  it('accept a null no_tax_id (the released client does not) but not a missing one', () => {
    const nullTaxId = v3Read();
    nullTaxId.data.person.no_tax_id = null;
    expect(checkPersonRequest('newest', nullTaxId)).toEqual([]);
    expect(
      checkPersonRequest('released', {
        data: { ...v2Read().data, person: { ...v2Read().data.person, no_tax_id: null } },
      }),
    ).toEqual(['person.no_tax_id: required']);
    const missing = v3Read();
    delete missing.data.person.no_tax_id;
    expect(checkPersonRequest('newest', missing)).toEqual(['person.no_tax_id: present']);
  });

  it('accept a create answer without urgent.documents (read with ?? [])', () => {
    expect(
      checkCreatePersonRequestAnswer('newest', without(v3Read(), 'urgent', 'documents')),
    ).toEqual([]);
  });

  it('refuse data that is not an object, as the typed getData() throws', () => {
    expect(checkPersonRequest('newest', { data: null })).toContain(
      'data: not an object or a list (EHealthResponse::getData throws)',
    );
  });
});

describe('the reads of the person request screens', () => {
  const approved = () => example('PATCH /api/v3/person_requests/{id}/actions/approve', 201);
  const rejected = () => example('PATCH /api/v3/person_requests/{id}/actions/reject', 200);
  const signed = () => example('PATCH /api/v3/person_requests/{id}/actions/sign', 200);
  const resent = () => example('POST /api/person_requests/{id}/actions/resend_otp', 200);

  it("accept the registry's examples", () => {
    expect(checkApprovePersonRequestAnswer(approved())).toEqual([]);
    expect(checkRejectPersonRequestAnswer(rejected())).toEqual([]);
    expect(checkSignPersonRequestAnswer(signed())).toEqual([]);
    expect(checkResendPersonRequestOtpAnswer('released', resent())).toEqual([]);
  });

  it.each([
    ['approve', 'id', () => checkApprovePersonRequestAnswer(without(approved(), 'data', 'id'))],
    [
      'approve',
      'status',
      () => checkApprovePersonRequestAnswer(without(approved(), 'data', 'status')),
    ],
    [
      'approve',
      'content',
      () => checkApprovePersonRequestAnswer(without(approved(), 'data', 'content')),
    ],
    ['reject', 'id', () => checkRejectPersonRequestAnswer(without(rejected(), 'data', 'id'))],
    [
      'reject',
      'status',
      () => checkRejectPersonRequestAnswer(without(rejected(), 'data', 'status')),
    ],
    ['sign', 'id', () => checkSignPersonRequestAnswer(without(signed(), 'data', 'id'))],
    ['sign', 'status', () => checkSignPersonRequestAnswer(without(signed(), 'data', 'status'))],
    [
      'sign',
      'person_id',
      () => checkSignPersonRequestAnswer(without(signed(), 'data', 'person_id')),
    ],
    [
      'resend (released)',
      'status',
      () => checkResendPersonRequestOtpAnswer('released', without(resent(), 'data', 'status')),
    ],
  ])('refuse an answer to %s without data.%s', (_call, key, check) => {
    expect(check()).toEqual([expect.stringMatching(new RegExp(`^${key}: missing, read by `))]);
  });

  it('let the newest client ignore what resend answers', () => {
    expect(
      checkResendPersonRequestOtpAnswer('newest', without(resent(), 'data', 'status')),
    ).toEqual([]);
  });
});

describe('the checks of a person search', () => {
  const v1 = () => example('GET /api/persons', 200);
  const v2 = () => example('GET /api/v2/persons', 200);

  it("accept the registry's examples", () => {
    expect(checkSearchAnswer('released', v1(), { searchedByTaxId: true })).toEqual([]);
    expect(checkSearchAnswer('newest', v2())).toEqual([]);
  });

  const released = breakEveryRule(RELEASED_SEARCH_RULES, v1());
  it.each(released.broken.map((b) => [b.failure, b.body]))(
    'refuse a v1 answer breaking %s',
    (failure, body) => {
      expect(checkSearchAnswer('released', body)).toContain(failure);
    },
  );

  const newest = breakEveryRule(NEWEST_SEARCH_RULES, v2());
  it.each(newest.broken.map((b) => [b.failure, b.body]))(
    'refuse a v2 answer breaking %s',
    (failure, body) => {
      expect(checkSearchAnswer('newest', body)).toContain(failure);
    },
  );

  it('leave untested only min:1 on names', () => {
    expect([...released.unbreakable, ...newest.unbreakable]).toEqual(['*.names: min:1']);
  });

  it('refuse a person without the tax id the background sync searched by and compares', () => {
    const answer = v1();
    delete answer.data[0].tax_id;
    expect(checkSearchAnswer('released', answer, { searchedByTaxId: true })).toEqual([
      '0.tax_id: missing, read by ConfidantPersonSync::checkPersonData',
    ]);
    expect(checkSearchAnswer('released', answer)).toEqual([]);
  });
});
