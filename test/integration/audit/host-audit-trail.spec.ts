import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { AuditRecorder } from '../../../src/audit/application/audit-recorder.js';
import { AuditTrail } from '../../../src/audit/application/audit-trail.port.js';
import type { AuditEntry } from '../../../src/audit/domain/audit-entry.js';
import { EhealthAuthMethodsModule } from '../../../src/ehealth-auth-methods.module.js';
import { UnitOfWork } from '../../../src/kernel/application/unit-of-work.port.js';
import { inAuditScope, type AuditScope } from '../../../src/platform/audit/audit-scope.js';
import { loadConfig } from '../../../src/platform/config/app-config.js';
import { createTestDatabase } from '../../support/database.js';
import { TEST_CLIENT_ID, TEST_JWT_SECRET } from '../../support/tokens.js';

/** A host's own store: the rows it is given. */
class HostAuditStore extends AuditTrail {
  readonly rows: AuditEntry[] = [];
  record(entries: readonly AuditEntry[]): Promise<void> {
    this.rows.push(...entries);
    return Promise.resolve();
  }
}

describe('a host binds its own audit store to the AuditTrail port', () => {
  const store = new HostAuditStore();
  let moduleRef: TestingModule;

  beforeAll(async () => {
    const url = await createTestDatabase('host_audit');
    const config = loadConfig({
      JWT_SECRET: TEST_JWT_SECRET,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ehealth-host-')),
      LOG_LEVEL: 'silent',
    });
    moduleRef = await Test.createTestingModule({
      imports: [
        EhealthAuthMethodsModule.forRoot({
          config,
          database: { url, migrationsRun: true, poolSize: 2 },
          adapters: { auditTrail: { useValue: store } },
        }),
      ],
    }).compile();
    await moduleRef.init();
  });
  afterAll(async () => {
    await moduleRef?.close();
  });

  it('resolves the port to the host’s store', () => {
    expect(moduleRef.get(AuditTrail)).toBe(store);
  });

  it('gets a write’s row from the unit of work, and a refusal’s from the recorder', async () => {
    const scope: AuditScope = {
      route: { action: 'approve', resource: 'person_request', param: 'id' },
      requestId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
      at: new Date(),
      successStatus: 200,
      clientId: TEST_CLIENT_ID,
      sub: null,
      resourceId: '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55',
      recorded: false,
    };
    await inAuditScope(scope, () => moduleRef.get(UnitOfWork).run(() => Promise.resolve()));
    const refused: AuditScope = { ...scope, recorded: false, requestId: 'second-call' };
    await inAuditScope(refused, () =>
      moduleRef.get(AuditRecorder).answered(refused, { status: 409 }),
    );
    expect(store.rows.map((r) => [r.action, r.resourceId, r.requestId, r.status])).toEqual([
      ['approve', '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55', scope.requestId, 200],
      ['approve', '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55', 'second-call', 409],
    ]);
  });
});
