/** docs/domain-rules.md, Events: the event recorded with each verification-status change. */
export interface StateChangeEvent {
  readonly id: string;
  readonly eventType: 'StateChangeEvent';
  readonly entityType: 'Person';
  readonly entityId: string;
  readonly properties: { readonly verification_status: { readonly new_value: string } };
  readonly eventTime: Date;
  readonly changedBy: string | null;
}

/** The JSON payload published to the event manager and served by GET /api/events. */
export function eventPayload(event: StateChangeEvent): Record<string, unknown> {
  return {
    id: event.id,
    event_type: event.eventType,
    entity_type: event.entityType,
    entity_id: event.entityId,
    properties: event.properties,
    event_time: event.eventTime.toISOString(),
    changed_by: event.changedBy,
  };
}
