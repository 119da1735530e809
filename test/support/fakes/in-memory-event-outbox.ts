import { EventOutbox } from '../../../src/events/application/event-outbox.port.js';
import type { StateChangeEvent } from '../../../src/events/domain/state-change-event.js';
import { CallJournal } from './call-journal.js';
import { UniqueViolation, type Transactional } from './in-memory-unit-of-work.js';

/**
 * The outbox as a use case sees it: recorded events, gone again when the transaction rolls back;
 * an event id is recorded once (again is a UniqueViolation, as the table's primary key answers).
 */
export class InMemoryEventOutbox extends EventOutbox implements Transactional {
  events: StateChangeEvent[] = [];

  constructor(private readonly journal = new CallJournal()) {
    super();
  }

  checkpoint(): () => void {
    const saved = [...this.events];
    return () => {
      this.events = saved;
    };
  }

  record(event: StateChangeEvent): Promise<void> {
    this.journal.record('outbox.record', event.entityId);
    if (this.events.some((e) => e.id === event.id)) {
      return Promise.reject(new UniqueViolation(`event ${event.id}`));
    }
    this.events.push(structuredClone(event));
    return Promise.resolve();
  }
}
