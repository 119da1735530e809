import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventOutbox } from '../../events/application/event-outbox.port.js';
import type { AppConfig } from '../../platform/config/app-config.js';
import { APP_CONFIG } from '../../platform/config/config.tokens.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import { Clock } from '../../shared/application/clock.js';
import { MethodVerification } from '../../shared/application/method-verification.js';
import { UnitOfWork } from '../../shared/application/unit-of-work.js';
import { dateInKyiv } from '../../shared/domain/calendar.js';
import { conflict, INVALID_TRANSITION_TEXT, notFound } from '../../shared/domain/errors.js';
import { planApproval } from '../domain/approval-plan.js';
import { canApprove, type AuthMethodRequest } from '../domain/auth-method-request.js';
import { AuthMethodRequestRepository } from './auth-method-request.repository.js';
import { PERSON_NOT_FOUND } from './create-auth-method-request.use-case.js';
import {
  ReadAuthMethodRequestUseCase,
  REQUEST_NOT_FOUND,
} from './read-auth-method-request.use-case.js';

/**
 * PATCH /api/persons/{id}/authentication_method_requests/{request_id}/actions/approve (seed 003).
 *
 * The OTP check runs before the transaction, so no database connection or row lock is held
 * during a network call of up to OTP_TIMEOUT_MS. The transaction then locks the request, checks
 * it is still NEW (a concurrent approve that got there first makes this one a 409), locks the
 * person, and writes the method changes, the verification status and its event together.
 */
@Injectable()
export class ApproveAuthMethodRequestUseCase {
  private readonly logger = new Logger('AuthMethodRequestApprove');

  constructor(
    private readonly requests: AuthMethodRequestRepository,
    private readonly reads: ReadAuthMethodRequestUseCase,
    private readonly registry: PersonRegistry,
    private readonly verification: MethodVerification,
    private readonly outbox: EventOutbox,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(
    personId: string,
    requestId: string,
    code: unknown,
    actorId: string | null,
  ): Promise<AuthMethodRequest> {
    const request = await this.reads.get(personId, requestId);
    if (!canApprove(request)) throw conflict(INVALID_TRANSITION_TEXT);
    await this.verification.verify(request.authenticationMethodCurrent, code, request.documents);

    return this.uow.run(async () => {
      const locked = await this.requests.findByIdForUpdate(requestId);
      if (!locked || locked.personId !== personId) throw notFound(REQUEST_NOT_FOUND);
      if (!canApprove(locked)) throw conflict(INVALID_TRANSITION_TEXT);
      const person = await this.registry.findByIdForUpdate(personId);
      if (!person) throw notFound(PERSON_NOT_FOUND);
      const now = this.clock.now();
      const plan = planApproval(locked, person, now, dateInKyiv(now), this.config, randomUUID());

      await this.registry.endMethods(plan.endMethodIds, now);
      if (plan.addMethod) await this.registry.addMethod(person.id, plan.addMethod);
      if (plan.rename) await this.registry.renameMethod(plan.rename.methodId, plan.rename.alias);
      if (plan.verification) {
        const { status, reason, comment } = plan.verification;
        await this.registry.changeVerification(
          person.id,
          { status, reason, ...(comment !== undefined ? { comment } : {}) },
          actorId,
          now,
        );
        await this.outbox.record({
          id: randomUUID(),
          eventType: 'StateChangeEvent',
          entityType: 'Person',
          entityId: person.id,
          properties: { verification_status: { new_value: status } },
          eventTime: now,
          changedBy: actorId,
        });
        this.logger.log(
          { request_id: requestId, reason, rules: plan.verification.triggered },
          'verification status changed',
        );
      }
      const completed: AuthMethodRequest = {
        ...locked,
        status: 'COMPLETED',
        updatedBy: actorId,
        updatedAt: now,
      };
      await this.requests.save(completed);
      return completed;
    });
  }
}
