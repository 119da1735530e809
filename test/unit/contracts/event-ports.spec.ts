import {
  describeEventLogContract,
  describeEventOutboxContract,
} from '../../contracts/event-ports.contract.js';
import { describeEventPublisherContract } from '../../contracts/event-publisher.contract.js';
import { describeOutboxStoreContract } from '../../contracts/outbox-store.contract.js';
import { FakeEventPublisher } from '../../support/fakes/fake-event-publisher.js';
import { InMemoryEventLog } from '../../support/fakes/in-memory-event-log.js';
import { InMemoryEventOutbox } from '../../support/fakes/in-memory-event-outbox.js';
import { InMemoryOutboxStore } from '../../support/fakes/in-memory-outbox-store.js';
import { InMemoryUnitOfWork } from '../../support/fakes/in-memory-unit-of-work.js';

/** The events' ports' contracts on the in-memory fakes the use-case specs run on. */
describeEventOutboxContract('the in-memory fake', () => {
  const outbox = new InMemoryEventOutbox();
  const uow = new InMemoryUnitOfWork().enlist(outbox);
  return Promise.resolve({ uow, outbox, recorded: () => Promise.resolve([...outbox.events]) });
});

describeEventLogContract('the in-memory fake', () => {
  const log = new InMemoryEventLog();
  return Promise.resolve({
    log,
    given: (...events) => {
      log.events.push(...events);
      return Promise.resolve();
    },
  });
});

describeOutboxStoreContract('the in-memory fake', () => {
  const store = new InMemoryOutboxStore();
  return Promise.resolve({
    store,
    given: (...events) => {
      store.record(...events);
      return Promise.resolve();
    },
    uncommitted: (event) => {
      store.recordUncommitted(event);
      return Promise.resolve(() => {
        store.commit(event);
        return Promise.resolve();
      });
    },
  });
});

describeEventPublisherContract('the in-memory broker', () => {
  const publisher = new FakeEventPublisher();
  return Promise.resolve({
    publisher,
    goDown: () => Promise.resolve(publisher.goDown()),
    comeBack: () => Promise.resolve(publisher.comeBack()),
  });
});
