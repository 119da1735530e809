import { auditEntry, isRead, type AuditFacts } from '../../../src/audit/domain/audit-entry.js';
import { AUDIT_READS, AUDIT_WRITES } from '../../../src/kernel/domain/audit-action.js';

const AT = new Date('2026-11-23T10:00:00.000Z');
const CLIENT = '8a1d6d12-4b9e-4f5c-9a0b-0c3d3e4f5a6b';
const SUB = '5b3b6a5e-52c2-4d6b-8a39-3c1f1c7f0a11';
const ID = '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55';

const facts = (overrides: Partial<AuditFacts> = {}): AuditFacts => ({
  at: AT,
  clientId: CLIENT,
  sub: SUB,
  action: 'approve',
  resourceType: 'person_request',
  resourceId: ID,
  requestId: 'c0a8012e-7f1b-4d2a-9a51-4b1b1d2f6a10',
  status: 200,
  ...overrides,
});

describe('auditEntry: ids and outcomes only', () => {
  it('keeps the ids of a write', () => {
    expect(auditEntry(facts())).toEqual({
      at: AT,
      clientId: CLIENT,
      sub: SUB,
      action: 'approve',
      resourceType: 'person_request',
      resourceId: ID,
      requestId: 'c0a8012e-7f1b-4d2a-9a51-4b1b1d2f6a10',
      status: 200,
      details: null,
    });
  });

  it.each<[string, Partial<AuditFacts>, Partial<ReturnType<typeof auditEntry>>]>([
    ['a phone as the resource id', { resourceId: '+380971234567' }, { resourceId: null }],
    ['a tax id as the resource id', { resourceId: '2659719350' }, { resourceId: null }],
    ['an upper-case UUID', { resourceId: ID.toUpperCase() }, { resourceId: ID }],
    ['no resource id', { resourceId: null }, { resourceId: null }],
    ['a sub that is no UUID (an e-mail)', { sub: 'olena@example.com' }, { sub: null }],
    ['no sub (an upload)', { sub: null }, { sub: null }],
    [
      'a client id with a space and a name',
      { clientId: 'Олена Петренко' },
      { clientId: 'unknown' },
    ],
    ['a client id too long', { clientId: 'a'.repeat(129) }, { clientId: 'unknown' }],
    [
      'a request id with a phone in words',
      { requestId: 'call +380 97 123' },
      { requestId: 'unknown' },
    ],
    ['an empty request id', { requestId: '' }, { requestId: 'unknown' }],
  ])('drops what is not an id: %s', (_name, given, expected) => {
    expect(auditEntry(facts(given))).toMatchObject(expected);
  });

  it.each<[string, Partial<AuditFacts>, unknown]>([
    ['a list keeps its count', { action: 'list', items: 3 }, { count: 3 }],
    ['an empty list keeps 0', { action: 'list', items: 0 }, { count: 0 }],
    [
      'a search keeps the sorted names of the parameters it used, and its count',
      {
        action: 'search',
        items: 1,
        parameters: { tax_id: '2659719350', first_name: 'Олена', birth_date: '1972-10-26' },
      },
      { count: 1, parameters: ['birth_date', 'first_name', 'tax_id'] },
    ],
    [
      'a search drops parameters without a value and names that are no parameter name',
      {
        action: 'search',
        parameters: { last_name: '', phone_number: undefined, Олена: 'x', first_name: 'Олена' },
      },
      { parameters: ['first_name'] },
    ],
    [
      'a read keeps no count and no parameters',
      { action: 'read', items: 5, parameters: { first_name: 'Олена' } },
      null,
    ],
    ['a write keeps none either', { action: 'create', items: 2 }, null],
  ])('details: %s', (_name, given, details) => {
    expect(auditEntry(facts(given)).details).toEqual(details);
  });

  it('refuses a resource type that is not a name', () => {
    expect(() => auditEntry(facts({ resourceType: 'Person Request' }))).toThrow(/resource type/);
  });

  it('tells reads (batched) from writes (in their transaction)', () => {
    for (const action of AUDIT_READS) expect(isRead({ action })).toBe(true);
    for (const action of AUDIT_WRITES) expect(isRead({ action })).toBe(false);
  });
});
