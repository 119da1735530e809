import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventOutbox } from '../../events/application/event-outbox.port.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import type { Acting } from '../../kernel/application/acting.js';
import { settledInOrder } from '../../kernel/application/settled.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { fail } from '../../kernel/domain/errors.js';
import { Confirmation } from '../../request-lifecycle/application/confirmation.js';
import { stampOf } from '../../request-lifecycle/application/stamp.js';
import { assertCan } from '../../request-lifecycle/domain/lifecycle.js';
import { AUTH_METHOD_REQUESTS, type AuthMethodRequest } from '../domain/auth-method-request.js';
import { completeAuthMethodRequest } from '../domain/completion.js';
import { AuthMethodRequestRepository } from './auth-method-request-repository.port.js';
import { AuthMethodRequests } from './auth-method-requests.js';
import {
  AUTH_METHOD_REQUEST_SETTINGS,
  type AuthMethodRequestSettings,
} from './auth-method-request.settings.js';
import { PERSON_ERRORS } from '../../person/domain/person-errors.js';

/**
 * PATCH /api/persons/{id}/authentication_method_requests/{request_id}/actions/approve.
 *
 * The confirmation (scans, then the OTP code) runs before the transaction, so no database
 * connection or row lock is held during a network call of up to OTP_TIMEOUT_MS. The transaction
 * then locks the person and the request, and the request's completion decides, on the person as
 * the last writer left them, the method changes, the verification status and its event, which
 * are written together. A concurrent approve that got there first makes this one a 409.
 */
@Injectable()
export class ApproveAuthMethodRequestUseCase {
  private readonly logger = new Logger('AuthMethodRequestApprove');

  constructor(
    private readonly requests: AuthMethodRequests,
    private readonly repository: AuthMethodRequestRepository,
    private readonly registry: PersonRegistry,
    private readonly confirmation: Confirmation,
    private readonly outbox: EventOutbox,
    private readonly uow: UnitOfWork,
    @Inject(AUTH_METHOD_REQUEST_SETTINGS) private readonly settings: AuthMethodRequestSettings,
  ) {}

  async execute(
    personId: string,
    requestId: string,
    code: unknown,
    acting: Acting,
  ): Promise<AuthMethodRequest> {
    const { lifecycle } = this.requests;
    const scope = this.requests.of(personId);
    const request = await this.requests.get(requestId, acting.clientId, scope);
    assertCan(lifecycle, request, 'complete');
    await this.confirmation.confirm(AUTH_METHOD_REQUESTS, request, acting.clientId, code);

    return this.uow.run(async () => {
      // The person first, then the request, in one statement: creates lock in the same order
      // (person, then the NEW requests they cancel), so the two never wait on each other. The
      // person is read by the next statement, sent with it: the connection runs it once both
      // locks are held, and it reads as of its own start, so the completion starts from the
      // methods as the last writer left them, without a round trip between the two.
      const [held, person] = await settledInOrder([
        this.repository.lockWithPerson(personId, requestId),
        this.registry.findById(personId),
      ]);
      if (!held.personFound) throw fail(PERSON_ERRORS.personNotFound);
      const locked = await this.requests.owned(held.request, acting.clientId, scope);
      if (!person) throw fail(PERSON_ERRORS.personNotFound);
      const stamp = stampOf(acting, this.requests.now());
      const done = completeAuthMethodRequest(lifecycle, locked, person, {
        stamp,
        policy: this.settings,
        newMethodId: randomUUID(),
        eventId: randomUUID(),
      });
      const { methods, verificationStatus } = done;
      // Every write is issued at once, in this order (the old method ends before the new one
      // starts: one active own method per person), and they travel to the database together.
      const writes: Promise<void>[] = [
        this.registry.endMethods(methods.endMethodIds, stamp.at, stamp.by),
      ];
      if (methods.addMethod) {
        writes.push(this.registry.addMethod(person.id, methods.addMethod, stamp.by));
      }
      if (methods.rename) {
        const { methodId, alias } = methods.rename;
        writes.push(this.registry.renameMethod(methodId, alias, stamp.by, stamp.at));
      }
      if (verificationStatus) {
        const { status, reason, comment } = verificationStatus;
        writes.push(
          this.registry.changeVerification(
            person.id,
            { status, reason, ...(comment !== undefined ? { comment } : {}) },
            stamp.by,
            stamp.at,
          ),
        );
      }
      for (const event of done.events) writes.push(this.outbox.record(event));
      writes.push(this.repository.updateState(done.request));
      // The first failure in issue order is the one that failed the transaction.
      await settledInOrder(writes);
      if (verificationStatus) {
        const { reason, triggered } = verificationStatus;
        this.logger.log(
          { request_id: requestId, reason, rules: triggered },
          'verification status changed',
        );
      }
      return done.request;
    });
  }
}
