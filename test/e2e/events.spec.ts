import { randomUUID } from 'node:crypto';
import { EventOutbox } from '../../src/events/application/event-outbox.port.js';
import type { StateChangeEvent } from '../../src/events/domain/state-change-event.js';
import { UnitOfWork } from '../../src/kernel/application/unit-of-work.port.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';

describe('GET /api/events', () => {
  let t: TestApp;
  const alice = randomUUID();
  const bob = randomUUID();
  const recorded: StateChangeEvent[] = [];

  function anEvent(entityId: string, eventTime: string, newValue = 'VERIFIED'): StateChangeEvent {
    return {
      id: randomUUID(),
      eventType: 'StateChangeEvent',
      entityType: 'Person',
      entityId,
      properties: { verification_status: { new_value: newValue } },
      eventTime: new Date(eventTime),
      changedBy: randomUUID(),
    };
  }

  const payload = (e: StateChangeEvent): Record<string, unknown> => ({
    id: e.id,
    event_type: e.eventType,
    entity_type: e.entityType,
    entity_id: e.entityId,
    properties: e.properties,
    event_time: e.eventTime.toISOString(),
    changed_by: e.changedBy,
  });

  beforeAll(async () => {
    t = await createTestApp();
    recorded.push(
      anEvent(alice, '2026-11-21T21:59:59.999Z', 'VERIFICATION_NEEDED'),
      anEvent(alice, '2026-11-21T22:00:00.000Z', 'IN_REVIEW'),
      anEvent(bob, '2026-11-22T12:00:00.000Z', 'VERIFICATION_NEEDED'),
      anEvent(alice, '2026-11-22T21:59:59.999Z', 'VERIFIED'),
      anEvent(bob, '2026-11-22T22:00:00.000Z', 'VERIFIED'),
    );
    const uow = t.app.get(UnitOfWork);
    const outbox = t.app.get(EventOutbox);
    for (const event of recorded) await uow.run(() => outbox.record(event));
    // Not a StateChangeEvent of a Person: shows the type filters exclude something.
    await t.pool.query(
      `INSERT INTO events (id, event_type, entity_type, entity_id, properties, event_time)
       VALUES ($1, 'OtherEvent', 'Device', $2, '{}', '2026-11-22T06:00:00Z')`,
      [randomUUID(), randomUUID()],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const list = (query: Record<string, string | number> = {}, scopes = 'event:read') =>
    t.http
      .get('/api/events')
      .query(query)
      .set('Authorization', `Bearer ${tokenFor(scopes)}`);

  it('lists every event newest first with the §9 payload and paging', async () => {
    const res = await list().expect(200);

    expect(res.body.meta).toMatchObject({ code: 200, type: 'list' });
    expect(res.body.data).toHaveLength(6);
    expect(res.body.data[0]).toEqual(payload(recorded[4]));
    const times = (res.body.data as { event_time: string }[]).map((e) => e.event_time);
    expect(times).toEqual([...times].sort().reverse());
    expect(res.body.paging).toEqual({
      page_number: 1,
      page_size: 50,
      total_entries: 6,
      total_pages: 1,
    });
  });

  it('filters by entity_type, entity_id and event_type together', async () => {
    const res = await list({
      entity_type: 'Person',
      entity_id: alice,
      event_type: 'StateChangeEvent',
    }).expect(200);

    expect(res.body.data).toEqual([recorded[3], recorded[1], recorded[0]].map(payload));
    expect(res.body.paging.total_entries).toBe(3);
  });

  it.each([
    ['entity_type', 'Device', 1],
    ['entity_type', 'Person', 5],
    ['event_type', 'OtherEvent', 1],
    ['event_type', 'StateChangeEvent', 5],
  ])('filters by %s=%s', async (name, value, count) => {
    const res = await list({ [name]: value }).expect(200);

    expect(res.body.paging.total_entries).toBe(count);
    expect(res.body.data.every((e: Record<string, unknown>) => e[name] === value)).toBe(true);
  });

  it('filters by the Kyiv day of event_time (UTC+2 in November), bounds included and excluded', async () => {
    const res = await list({ date: '2026-11-22' }).expect(200);

    expect(res.body.data.map((e: { id: string }) => e.id)).toEqual([
      recorded[3].id,
      recorded[2].id,
      expect.any(String), // the Device event at 06:00
      recorded[1].id,
    ]);
    const none = await list({ date: '2026-11-24' }).expect(200);
    expect(none.body.data).toEqual([]);
    expect(none.body.paging).toEqual({
      page_number: 1,
      page_size: 50,
      total_entries: 0,
      total_pages: 1,
    });
  });

  it('pages with page and page_size', async () => {
    const second = await list({ page: 2, page_size: 2 }).expect(200);
    const last = await list({ page: 3, page_size: 2, entity_type: 'Person' }).expect(200);

    expect(second.body.data).toEqual([recorded[2]].map(payload).concat(second.body.data[1]));
    expect(second.body.data[1].entity_type).toBe('Device');
    expect(second.body.paging).toEqual({
      page_number: 2,
      page_size: 2,
      total_entries: 6,
      total_pages: 3,
    });
    expect(last.body.data).toEqual([payload(recorded[0])]);
  });

  it.each([
    [{ page_size: 0 }, '$.page_size'],
    [{ page_size: 301 }, '$.page_size'],
    [{ page_size: 'ten' }, '$.page_size'],
    [{ page: 0 }, '$.page'],
    [{ date: '2026-02-30' }, '$.date'],
    [{ date: '22.11.2026' }, '$.date'],
    [{ entity_id: 'not-a-uuid' }, '$.entity_id'],
    [{ colour: 'blue' }, '$.colour'],
  ])('answers %j with 422 naming %s', async (query, entry) => {
    const res = await list(query as Record<string, string | number>).expect(422);

    expect(res.body.error.type).toBe('validation_failed');
    const entries = res.body.error.invalid.map((i: { entry: string }) => i.entry);
    expect([...new Set(entries)]).toEqual([entry]);
  });

  it('accepts the largest page size', async () => {
    const res = await list({ page_size: 300 }).expect(200);

    expect(res.body.paging.page_size).toBe(300);
  });

  it('refuses a request without a token with 401', async () => {
    const res = await t.http.get('/api/events').expect(401);

    expect(res.body.error).toEqual({
      type: 'access_denied',
      message: "Authorization header is not set or doesn't contain Bearer token",
    });
  });

  it('refuses a token without event:read with 403', async () => {
    const res = await list({}, 'person:read').expect(403);

    expect(res.body.error).toEqual({
      type: 'forbidden',
      message: 'Your scope does not allow to access this resource. Missing allowances: event:read',
    });
  });

  it('documents the endpoint and its errors in the OpenAPI document', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);

    const operation = doc.body.paths['/api/events'].get;
    expect(operation.tags).toEqual(['Events']);
    expect(Object.keys(operation.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403', '422']),
    );
    expect(operation.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'date',
      'entity_id',
      'entity_type',
      'event_type',
      'page',
      'page_size',
    ]);
    expect(doc.body.paths['/metrics']).toBeDefined();
  });
});
