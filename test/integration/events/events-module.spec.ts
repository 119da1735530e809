import { EHEALTH_ENTITIES, EHEALTH_MIGRATIONS } from '../../../src/schema.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EventBus } from '../../../src/events/application/event-bus.js';
import { EventOutbox } from '../../../src/events/application/event-outbox.port.js';
import { EventPublisher } from '../../../src/events/application/event-publisher.port.js';
import { ListEventsUseCase } from '../../../src/events/application/list-events.use-case.js';
import { OutboxRelay } from '../../../src/events/application/outbox-relay.service.js';
import { EventsModule } from '../../../src/events/events.module.js';
import { loadConfig } from '../../../src/platform/config/app-config.js';
import { APP_CONFIG } from '../../../src/platform/config/config.tokens.js';
import { overrideProviders } from '../../../src/platform/core/adapter-provider.js';
import { EhealthCoreModule } from '../../../src/platform/core/ehealth-core.module.js';
import { DatabaseModule } from '../../../src/platform/database/database.module.js';
import { createTestDatabase } from '../../support/database.js';
import { anEvent } from '../../support/event-mother.js';
import { FakeEventPublisher } from '../../support/fakes/fake-event-publisher.js';
import { record } from './events-fixtures.js';

/** A feature of a host that uses everything EventsModule exports. */
@Injectable()
class UsesExports {
  constructor(
    readonly outbox: EventOutbox,
    readonly bus: EventBus,
    readonly list: ListEventsUseCase,
    readonly publisher: EventPublisher,
    readonly relay: OutboxRelay,
  ) {}
}

@Module({ imports: [EventsModule], providers: [UsesExports] })
class HostFeatureModule {}

describe('EventsModule in a host application', () => {
  let url: string;
  const config = loadConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'ehealth-data-')),
    LOG_LEVEL: 'silent',
  });
  const contexts: INestApplicationContext[] = [];

  beforeAll(async () => {
    url = await createTestDatabase('events_module');
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  async function host(publisher: EventPublisher) {
    const moduleRef = await Test.createTestingModule({
      imports: [
        EhealthCoreModule.forRoot({
          config: { provide: APP_CONFIG, useValue: config },
          overrides: overrideProviders(EventPublisher, { useValue: publisher }),
        }),
        DatabaseModule.forRoot(
          { url, poolSize: 2 },
          { entities: EHEALTH_ENTITIES, migrations: EHEALTH_MIGRATIONS },
        ),
        HostFeatureModule,
      ],
    }).compile();
    contexts.push(await moduleRef.init());
    return moduleRef;
  }

  it("relays through the host's EventPublisher when the host supplies one", async () => {
    const publisher = new FakeEventPublisher();
    const app = await host(publisher);
    const uses = app.get(UsesExports);
    const event = anEvent();

    await record(app, event);
    await expect(uses.relay.relayOnce()).resolves.toEqual({ published: 1, failed: false });

    expect(uses.publisher).toBe(publisher);
    expect(publisher.acknowledged).toEqual([event.id]);
  });

  it('exports its ports and use cases only, not its store, log or background services', () => {
    expect(Reflect.getMetadata('exports', EventsModule)).toEqual([
      EventOutbox,
      EventBus,
      ListEventsUseCase,
      EventPublisher,
      OutboxRelay,
    ]);
  });
});
