import { randomUUID } from 'node:crypto';
import type { StateChangeEvent } from '../../src/events/domain/state-change-event.js';

/** Object Mother for the §9 event an approval records. */
export function anEvent(overrides: Partial<StateChangeEvent> = {}): StateChangeEvent {
  return {
    id: randomUUID(),
    eventType: 'StateChangeEvent',
    entityType: 'Person',
    entityId: randomUUID(),
    properties: { verification_status: { new_value: 'VERIFIED' } },
    eventTime: new Date('2026-11-23T09:59:58.123Z'),
    changedBy: randomUUID(),
    ...overrides,
  };
}

export function events(n: number): StateChangeEvent[] {
  return Array.from({ length: n }, () => anEvent());
}
