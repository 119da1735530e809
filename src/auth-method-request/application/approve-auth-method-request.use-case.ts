import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventOutbox } from '../../events/application/event-outbox.port.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import type { Acting } from '../../kernel/application/acting.js';
import { Clock } from '../../kernel/application/clock.port.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { dateInKyiv } from '../../kernel/domain/calendar.js';
import { ERRORS } from '../../kernel/domain/error-catalogue.js';
import { fail } from '../../kernel/domain/errors.js';
import { MethodVerification } from '../../verification/application/method-verification.service.js';
import { planApproval } from '../domain/approval-plan.js';
import { canApprove, type AuthMethodRequest } from '../domain/auth-method-request.js';
import { AuthMethodRequestAccess } from './auth-method-request-access.js';
import { AuthMethodRequestRepository } from './auth-method-request-repository.port.js';
import { authMethodRequestCode } from './code-purpose.js';
import {
  AUTH_METHOD_REQUEST_SETTINGS,
  type AuthMethodRequestSettings,
} from './auth-method-request.settings.js';

/**
 * PATCH /api/persons/{id}/authentication_method_requests/{request_id}/actions/approve.
 *
 * The OTP check runs before the transaction, so neither the person's nor the request's row is
 * locked during a network call of up to OTP_TIMEOUT_MS. The transaction then locks the person
 * and the request, checks the request is still NEW (a concurrent approve that got there first
 * makes this one a 409), and writes the method changes, the verification status and its event
 * together.
 */
@Injectable()
export class ApproveAuthMethodRequestUseCase {
  private readonly logger = new Logger('AuthMethodRequestApprove');

  constructor(
    private readonly requests: AuthMethodRequestRepository,
    private readonly access: AuthMethodRequestAccess,
    private readonly registry: PersonRegistry,
    private readonly verification: MethodVerification,
    private readonly outbox: EventOutbox,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    @Inject(AUTH_METHOD_REQUEST_SETTINGS) private readonly settings: AuthMethodRequestSettings,
  ) {}

  async execute(
    personId: string,
    requestId: string,
    code: unknown,
    acting: Acting,
  ): Promise<AuthMethodRequest> {
    const request = await this.access.get(personId, requestId, acting.clientId);
    if (!canApprove(request)) throw fail(ERRORS.invalidTransition);
    await this.verification.verify(
      request.authenticationMethodCurrent,
      code,
      request.documents,
      authMethodRequestCode(request.id, acting.clientId),
    );

    return this.uow.run(async () => {
      // The person first, then the request: creates lock in the same order (person, then the
      // NEW requests they cancel), so the two never wait on each other. The person is read after
      // its lock is held, so the plan starts from the methods as the last writer left them.
      const person = await this.registry.findByIdForUpdate(personId);
      if (!person) throw fail(ERRORS.personNotFound);
      const locked = await this.access.lock(personId, requestId, acting.clientId);
      if (!canApprove(locked)) throw fail(ERRORS.invalidTransition);
      const now = this.clock.now();
      const plan = planApproval(locked, person, now, dateInKyiv(now), this.settings, randomUUID());

      await this.registry.endMethods(plan.endMethodIds, now);
      if (plan.addMethod) await this.registry.addMethod(person.id, plan.addMethod);
      if (plan.rename) await this.registry.renameMethod(plan.rename.methodId, plan.rename.alias);
      if (plan.verification) {
        const { status, reason, comment } = plan.verification;
        await this.registry.changeVerification(
          person.id,
          { status, reason, ...(comment !== undefined ? { comment } : {}) },
          acting.userId,
          now,
        );
        await this.outbox.record({
          id: randomUUID(),
          eventType: 'StateChangeEvent',
          entityType: 'Person',
          entityId: person.id,
          properties: { verification_status: { new_value: status } },
          eventTime: now,
          changedBy: acting.userId,
        });
        this.logger.log(
          { request_id: requestId, reason, rules: plan.verification.triggered },
          'verification status changed',
        );
      }
      const completed: AuthMethodRequest = {
        ...locked,
        status: 'COMPLETED',
        updatedBy: acting.userId,
        updatedAt: now,
      };
      await this.requests.save(completed);
      return completed;
    });
  }
}
