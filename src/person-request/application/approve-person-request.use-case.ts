import { Injectable } from '@nestjs/common';
import type { Acting } from '../../kernel/application/acting.js';
import { Clock } from '../../kernel/application/clock.port.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { dateInKyiv } from '../../kernel/domain/calendar.js';
import { ERRORS } from '../../kernel/domain/error-catalogue.js';
import { fail } from '../../kernel/domain/errors.js';
import { maskPhone } from '../../kernel/domain/phone.js';
import { MethodVerification } from '../../verification/application/method-verification.service.js';
import { canApprove, type PersonRequest } from '../domain/person-request.js';
import { personRequestPrintout } from '../domain/printout.js';
import { personRequestCode } from './code-purpose.js';
import { PersonRequestAccess } from './person-request-access.js';
import { PersonRequestRepository } from './person-request-repository.port.js';

/**
 * PATCH /api/v3/person_requests/{id}/actions/approve: confirms the patient's identity (the code,
 * or the scans) and hands out the printout they read and sign. The method is verified outside
 * the transaction (the request's row is not locked during the OTP call); the transaction locks
 * the request, re-checks NEW and stores it APPROVED. Nothing is written to the registry: that is
 * sign's work.
 */
@Injectable()
export class ApprovePersonRequestUseCase {
  constructor(
    private readonly requests: PersonRequestRepository,
    private readonly access: PersonRequestAccess,
    private readonly verification: MethodVerification,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, code: unknown, acting: Acting): Promise<PersonRequest> {
    const request = await this.access.get(id, acting.clientId);
    if (!canApprove(request.status)) throw fail(ERRORS.invalidTransition);
    await this.verification.verify(
      request.authenticationMethodCurrent,
      code,
      request.documents,
      personRequestCode(request.id, acting.clientId),
    );
    return this.uow.run(async () => {
      const locked = await this.access.lock(id, acting.clientId);
      if (!canApprove(locked.status)) throw fail(ERRORS.invalidTransition);
      const now = this.clock.now();
      const current = locked.authenticationMethodCurrent;
      const approved: PersonRequest = {
        ...locked,
        status: 'APPROVED',
        content: personRequestPrintout(
          locked.id,
          locked.person,
          current.type,
          current.phoneNumber ? maskPhone(current.phoneNumber) : null,
          dateInKyiv(now),
        ),
        updatedBy: acting.userId,
        updatedAt: now,
      };
      await this.requests.save(approved);
      return approved;
    });
  }
}
