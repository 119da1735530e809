import {
  AuditReadBuffer,
  READ_FLUSH_MS,
} from '../../../src/audit/application/audit-read-buffer.js';
import { AuditTrail } from '../../../src/audit/application/audit-trail.port.js';
import { auditEntry, type AuditEntry } from '../../../src/audit/domain/audit-entry.js';

class RecordingTrail extends AuditTrail {
  readonly batches: AuditEntry[][] = [];
  failing = false;
  record(entries: readonly AuditEntry[]): Promise<void> {
    if (this.failing) return Promise.reject(new Error('store down'));
    this.batches.push([...entries]);
    return Promise.resolve();
  }
}

const read = (n: number): AuditEntry =>
  auditEntry({
    at: new Date(0),
    clientId: 'client',
    sub: null,
    action: 'read',
    resourceType: 'person',
    resourceId: null,
    requestId: `r${n}`,
    status: 200,
  });

describe('AuditReadBuffer', () => {
  it('writes waiting reads within a second, in one batch', async () => {
    const trail = new RecordingTrail();
    const buffer = new AuditReadBuffer(trail);
    buffer.onApplicationBootstrap();
    try {
      buffer.add(read(1));
      buffer.add(read(2));
      expect(trail.batches).toHaveLength(0);
      await new Promise((resolve) => setTimeout(resolve, READ_FLUSH_MS + 300));
      expect(trail.batches.map((b) => b.map((e) => e.requestId))).toEqual([['r1', 'r2']]);
      expect(buffer.size).toBe(0);
    } finally {
      await buffer.beforeApplicationShutdown();
    }
  });

  it('writes what waits when the application stops', async () => {
    const trail = new RecordingTrail();
    const buffer = new AuditReadBuffer(trail);
    buffer.onApplicationBootstrap();
    buffer.add(read(1));
    await buffer.beforeApplicationShutdown();
    expect(trail.batches.flat().map((e) => e.requestId)).toEqual(['r1']);
  });

  it('keeps a batch the store refused for the next round', async () => {
    const trail = new RecordingTrail();
    const buffer = new AuditReadBuffer(trail);
    buffer.add(read(1));
    trail.failing = true;
    await expect(buffer.flush()).rejects.toThrow('store down');
    expect(buffer.size).toBe(1);
    trail.failing = false;
    await buffer.flush();
    expect(trail.batches.flat().map((e) => e.requestId)).toEqual(['r1']);
    expect(buffer.size).toBe(0);
  });

  it('writes batches of at most 500 rows', async () => {
    const trail = new RecordingTrail();
    const buffer = new AuditReadBuffer(trail);
    for (let i = 0; i < 1201; i++) buffer.add(read(i));
    await buffer.flush();
    expect(trail.batches.map((b) => b.length)).toEqual([500, 500, 201]);
  });
});
