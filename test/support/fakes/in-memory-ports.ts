import { RelationshipStarter } from '../../../src/confidant-relationship/application/relationship-starter.js';
import { InMemoryRelationshipRepository } from './in-memory-relationship-repository.js';
import { AuthMethodRequests } from '../../../src/auth-method-request/application/auth-method-requests.js';
import { RegisteredAttemptRecords } from '../../../src/document-storage/application/attempt-records.js';
import { RegisteredUploadTargets } from '../../../src/document-storage/application/upload-gate.js';
import { CodeSender } from '../../../src/otp/application/code-sender.js';
import { PersonRequests } from '../../../src/person-request/application/person-requests.js';
import { Confirmation } from '../../../src/request-lifecycle/application/confirmation.js';
import { FixedClock } from '../fixed-clock.js';
import { CallJournal } from './call-journal.js';
import { FakeOtpVerifier } from './fake-otp-verifier.js';
import { FakeSignatureVerifier } from './fake-signature-verifier.js';
import { FakeSmsBudget } from './fake-sms-budget.js';
import { InMemoryAuthMethodRequestRepository } from './in-memory-auth-method-request-repository.js';
import { InMemoryDocumentStorage } from './in-memory-document-storage.js';
import { InMemoryEventOutbox } from './in-memory-event-outbox.js';
import { InMemoryPersonFinder } from './in-memory-person-finder.js';
import { InMemoryPersonRegistry } from './in-memory-person-registry.js';
import { InMemoryPersonRequestRepository } from './in-memory-person-request-repository.js';
import { InMemoryUnitOfWork } from './in-memory-unit-of-work.js';

/**
 * Every port of the service, faked in memory and sharing one journal and one unit of work (the
 * repositories, the registry and the outbox roll back together, and refuse a lock outside it).
 * Use cases are still built by the test, with `new`, from what they need of these (and of
 * `confirmation`, `personRequestsOf` and `authMethodRequestsOf`).
 */
export function inMemoryPorts(now: Date, options: { readonly smsLimit?: number } = {}) {
  const journal = new CallJournal();
  const uow = new InMemoryUnitOfWork(journal);
  const registry = new InMemoryPersonRegistry(journal, uow);
  const personRequests = new InMemoryPersonRequestRepository(journal, uow);
  const authMethodRequests = new InMemoryAuthMethodRequestRepository(journal, uow, registry);
  const outbox = new InMemoryEventOutbox(journal);
  const relationships = new InMemoryRelationshipRepository(journal, uow);
  uow.enlist(registry, personRequests, authMethodRequests, outbox, relationships);
  return {
    journal,
    clock: new FixedClock(now),
    uow,
    registry,
    finder: new InMemoryPersonFinder(registry, journal),
    personRequests,
    authMethodRequests,
    outbox,
    otp: new FakeOtpVerifier(journal),
    budget: new FakeSmsBudget(options.smsLimit, journal),
    storage: new InMemoryDocumentStorage(journal),
    signatures: new FakeSignatureVerifier(journal),
    relationships,
  };
}

export type InMemoryPorts = ReturnType<typeof inMemoryPorts>;

/**
 * The service's confirmation over these fakes: codes go out through the SMS budget to the fake
 * OTP service, scans are looked for in the fake storage.
 */
export function confirmation(ports: InMemoryPorts): Confirmation {
  return new Confirmation(
    ports.otp,
    new CodeSender(ports.otp, ports.budget, ports.clock),
    ports.storage,
  );
}

/** Person requests on the lifecycle, over the fake repository (TTL in days). */
export function personRequestsOf(ports: InMemoryPorts, ttlDays = 30): PersonRequests {
  return new PersonRequests(
    ports.personRequests,
    ports.clock,
    ports.uow,
    new RegisteredUploadTargets(),
    new RegisteredAttemptRecords(),
    { ttlDays, noSelfAuthAge: 14, thirdPersonTermYears: 2 },
  );
}

/** Authentication method requests on the lifecycle, over the fake repository (TTL in hours). */
export function authMethodRequestsOf(ports: InMemoryPorts, ttlHours = 24): AuthMethodRequests {
  return new AuthMethodRequests(
    ports.authMethodRequests,
    ports.registry,
    ports.clock,
    ports.uow,
    new RegisteredUploadTargets(),
    new RegisteredAttemptRecords(),
    { ttlHours, noSelfAuthAge: 14, thirdPersonTermYears: 2 },
  );
}

/** How a person request's sign starts the confidant relationship it names. */
export function relationshipStarterOf(ports: InMemoryPorts): RelationshipStarter {
  return new RelationshipStarter(ports.registry, ports.relationships, {
    ttlHours: 24,
    maxConfidants: 2,
    noSelfAuthAge: 14,
    thirdPersonTermYears: 2,
  });
}
