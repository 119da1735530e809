import type { StateChangeEvent } from '../../events/domain/state-change-event.js';
import { dateInKyiv } from '../../kernel/domain/calendar.js';
import type { Person } from '../../person/domain/person.js';
import type { TermPolicy } from '../../person/domain/third-person-term.js';
import { verificationStatusChanged } from '../../person/domain/verification-status-event.js';
import {
  transition,
  type Lifecycle,
  type Stamp,
} from '../../request-lifecycle/domain/lifecycle.js';
import type { AmrStatus, AmrTransition, AuthMethodRequest } from './auth-method-request.js';
import { planMethodChanges, type MethodChanges } from './method-changes.js';
import {
  verificationStatusChange,
  type VerificationStatusChange,
} from './verification-status-rules.js';

/** What an approve decides besides the request's own new state. */
export interface Completion {
  readonly request: AuthMethodRequest;
  /** The person's methods to end, add or rename. */
  readonly methods: MethodChanges;
  /** The person's new verification status, or null when it stays. */
  readonly verificationStatus: VerificationStatusChange | null;
  /** What the change causes, to record in the same transaction. */
  readonly events: readonly StateChangeEvent[];
}

/**
 * NEW → COMPLETED (approve), on the person as they are under the lock: the method changes
 * (docs/domain-rules.md, Effects on the person's authentication methods), the verification-status
 * rules and the event the status change causes.
 */
export function completeAuthMethodRequest(
  road: Pick<Lifecycle<AmrStatus, AmrTransition>, 'transitions'>,
  request: AuthMethodRequest,
  person: Person,
  context: {
    readonly stamp: Stamp;
    readonly policy: TermPolicy;
    readonly newMethodId: string;
    readonly eventId: string;
  },
): Completion {
  const { stamp, policy } = context;
  const completed = transition(road, request, 'complete', stamp);
  const today = dateInKyiv(stamp.at);
  const methods = planMethodChanges(request, person, stamp.at, today, policy, context.newMethodId);
  const status = verificationStatusChange(
    request.action,
    request.authenticationMethod.type,
    person,
    today,
    policy.noSelfAuthAge,
  );
  const events = status
    ? [
        verificationStatusChanged({
          eventId: context.eventId,
          personId: person.id,
          status: status.status,
          at: stamp.at,
          by: stamp.by,
        }),
      ]
    : [];
  return { request: completed, methods, verificationStatus: status, events };
}
