import type { StateChangeEvent } from '../../events/domain/state-change-event.js';
import type { VerificationStatus } from './person.js';

/**
 * The event a change of a person's verification status causes (docs/domain-rules.md, Events):
 * recorded in the transaction of the change, published later.
 */
export function verificationStatusChanged(change: {
  readonly eventId: string;
  readonly personId: string;
  readonly status: VerificationStatus;
  readonly at: Date;
  readonly by: string | null;
}): StateChangeEvent {
  return {
    id: change.eventId,
    eventType: 'StateChangeEvent',
    entityType: 'Person',
    entityId: change.personId,
    properties: { verification_status: { new_value: change.status } },
    eventTime: change.at,
    changedBy: change.by,
  };
}
