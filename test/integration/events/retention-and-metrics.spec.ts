import { OutboxRetention } from '../../../src/events/application/outbox-retention.service.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { anEvent, record } from './events-fixtures.js';

describe('retention and metrics of the outbox', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The test clock reads 2026-11-23T10:00:00Z; EVENTS_RETENTION_DAYS is 30.
    t = await createTestApp({ env: { EVENTS_RETENTION_DAYS: '30' } });
  });
  afterEach(async () => {
    await t.pool.query('DELETE FROM events');
  });
  afterAll(async () => {
    await t.close();
  });

  const publish = (id: string, at: string): Promise<unknown> =>
    t.pool.query('UPDATE events SET published_at = $2 WHERE id = $1', [id, at]);

  it('deletes events published longer ago than the retention period, and only those', async () => {
    const expired = anEvent();
    const recent = anEvent();
    const oldButUnpublished = anEvent({ eventTime: new Date('2025-01-01T00:00:00Z') });
    await record(t.app, expired, recent, oldButUnpublished);
    await publish(expired.id, '2026-10-24T09:59:59Z');
    await publish(recent.id, '2026-10-24T10:00:01Z');

    await expect(t.app.get(OutboxRetention).purge()).resolves.toBe(1);

    const { rows } = await t.pool.query('SELECT id FROM events ORDER BY seq');
    expect(rows.map((r: { id: string }) => r.id)).toEqual([recent.id, oldButUnpublished.id]);
  });

  it('serves the outbox size, lag, relay counters and process metrics on GET /metrics without auth', async () => {
    const oldest = anEvent({ eventTime: new Date('2026-11-23T09:58:00Z') });
    await record(t.app, oldest, anEvent(), anEvent());
    await publish(oldest.id, '2026-11-23T09:59:00Z');

    const res = await t.http.get('/metrics').expect(200);

    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain(
      '# TYPE events_outbox_unpublished gauge\nevents_outbox_unpublished 2\n',
    );
    // The two unpublished events were recorded at 09:59:58.123 by the test clock's 10:00:00.
    expect(res.text).toContain('events_outbox_oldest_unpublished_age_seconds 1.877\n');
    expect(res.text).toContain('# TYPE events_published_total counter\nevents_published_total 0\n');
    expect(res.text).toContain('events_publish_failures_total 0\n');
    expect(res.text).toContain('events_publish_duplicates_total 0\n');
    // prom-client's process metrics share the registry.
    expect(res.text).toContain('# TYPE process_resident_memory_bytes gauge\n');
  });
});
