import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { auditedResource } from '../../platform/audit/audit-scope.js';
import { OtpVerifier } from '../../otp/application/otp-verifier.port.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import type { Person } from '../../person/domain/person.js';
import type { Acting } from '../../kernel/application/acting.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { dateInKyiv } from '../../kernel/domain/calendar.js';
import { fail } from '../../kernel/domain/errors.js';
import { Confirmation } from '../../request-lifecycle/application/confirmation.js';
import {
  confirmerDocumentTypes,
  currentMethodOf,
} from '../../request-lifecycle/application/current-method-of.js';
import { stampOf } from '../../request-lifecycle/application/stamp.js';
import {
  sameConfirmer,
  type CurrentMethod,
} from '../../request-lifecycle/domain/current-method.js';
import { documentSlots } from '../../request-lifecycle/domain/document-slot.js';
import { expiryCutoff, opened } from '../../request-lifecycle/domain/lifecycle.js';
import {
  AUTH_METHOD_REQUESTS,
  documentsToScan,
  type AmrAction,
  type AuthMethodRequest,
  type RequestedMethod,
} from '../domain/auth-method-request.js';
import { createRejection, shapeProblems, type CreateContext } from '../domain/create-rules.js';
import { AuthMethodRequestRepository } from './auth-method-request-repository.port.js';
import { AuthMethodRequests } from './auth-method-requests.js';
import {
  AUTH_METHOD_REQUEST_SETTINGS,
  type AuthMethodRequestSettings,
} from './auth-method-request.settings.js';
import { PERSON_ERRORS } from '../../person/domain/person-errors.js';
import { LIFECYCLE_ERRORS } from '../../request-lifecycle/domain/lifecycle-errors.js';
import { PLATFORM_ERRORS } from '../../platform/errors.js';

/** What the rules of a create need looked up beyond the person. */
type Lookups = Pick<CreateContext, 'phoneVerified' | 'thirdPerson'>;

export interface CreateAmrCommand {
  readonly personId: string;
  readonly action: AmrAction;
  readonly method: RequestedMethod;
  readonly acting: Acting;
}

/**
 * POST /api/persons/{id}/authentication_method_requests: validated, then created NEW, replacing
 * the person's NEW request if any. A refused field is named in the domain's words (the method's
 * `phoneNumber`); the HTTP edge puts it on its JSON path.
 */
@Injectable()
export class CreateAuthMethodRequestUseCase {
  constructor(
    private readonly requests: AuthMethodRequests,
    private readonly repository: AuthMethodRequestRepository,
    private readonly registry: PersonRegistry,
    private readonly otp: OtpVerifier,
    private readonly confirmation: Confirmation,
    private readonly uow: UnitOfWork,
    @Inject(AUTH_METHOD_REQUEST_SETTINGS) private readonly settings: AuthMethodRequestSettings,
  ) {}

  async execute(command: CreateAmrCommand): Promise<AuthMethodRequest> {
    const { action, acting } = command;
    const method = normalized(command.method);
    const now = this.requests.now();
    const stamp = stampOf(acting, now);
    const person = await this.registry.findById(command.personId);
    if (!person) throw fail(PERSON_ERRORS.personNotFound);
    const checked = await this.check(person, action, method, now);

    const id = randomUUID();
    const current = checked.current;
    const ownDocumentTypes = person.documents.map((d) => d.type);
    const scanned = documentsToScan({
      current,
      confirmerDocumentTypes: await confirmerDocumentTypes(
        this.registry,
        current,
        ownDocumentTypes,
      ),
      action,
      method,
      ownDocumentTypes,
    });
    // An OFFLINE confirmer is proved by scans: with no document there would be nothing to
    // check, and approve would pass unproved.
    if (current.verifiedBy === 'OFFLINE' && scanned.length === 0) {
      throw fail(LIFECYCLE_ERRORS.noDocumentsToVerify);
    }
    const request: AuthMethodRequest = {
      id,
      ...opened(acting.clientId, stamp),
      personId: person.id,
      channel: 'MIS',
      action,
      authenticationMethod: method,
      authenticationMethodCurrent: current,
      documents: documentSlots(AUTH_METHOD_REQUESTS, id, scanned),
    };
    const write = () =>
      this.uow.run(async () => {
        // Under the person's lock the rules are checked again on the methods as they are now: a
        // concurrent approve may have changed them since the first look. The request was built
        // on the first look's current method (its phone got the code, its documents are the
        // slots), so a different one now is a concurrent change.
        const fresh = await this.registry.findByIdForUpdate(person.id);
        if (!fresh) throw fail(PERSON_ERRORS.personNotFound);
        const again = await this.check(fresh, action, method, now, checked.lookups);
        if (!sameConfirmer(again.current, current)) throw fail(PLATFORM_ERRORS.concurrentChange);
        await this.repository.cancelNewOfPerson(
          person.id,
          stamp,
          expiryCutoff(this.requests.lifecycle, now),
        );
        await this.repository.insert(request);
        auditedResource(id);
      });
    // The code goes out before anything is written: a refused or failed send leaves no request;
    // a write refused after the send keeps the code's count (the SMS went out).
    if (current.verifiedBy === 'OTP') {
      await this.confirmation.sendCode(AUTH_METHOD_REQUESTS, request, acting.clientId, write);
    } else {
      await write();
    }
    return request;
  }

  /** The rules of a create; the lookups they need (phone verified, third person) are made once. */
  private async check(
    person: Person,
    action: AmrAction,
    method: RequestedMethod,
    now: Date,
    known?: Lookups,
  ): Promise<{ current: CurrentMethod; lookups: Lookups }> {
    if (person.status !== 'active') throw fail(PERSON_ERRORS.personInactive);
    const current = await currentMethodOf(this.registry, person.authenticationMethods, now);
    const lookups = known ?? (await this.lookups(action, method));
    const rejection = createRejection(action, method, {
      person,
      current,
      now,
      today: dateInKyiv(now),
      noSelfAuthAge: this.settings.noSelfAuthAge,
      ...lookups,
    });
    if (rejection) throw rejection;
    return { current, lookups };
  }

  private async lookups(action: AmrAction, method: RequestedMethod): Promise<Lookups> {
    if (action !== 'insert' || shapeProblems(action, method).length > 0) return {};
    if (method.type === 'THIRD_PERSON') {
      return { thirdPerson: await this.registry.findById(method.value!) };
    }
    if (method.type === 'OTP') {
      return { phoneVerified: await this.otp.isVerified(method.phoneNumber!) };
    }
    return {};
  }
}

function normalized(method: RequestedMethod): RequestedMethod {
  return {
    ...(method.type !== undefined ? { type: method.type } : {}),
    ...(method.id !== undefined ? { id: method.id.toLowerCase() } : {}),
    ...(method.phoneNumber !== undefined ? { phoneNumber: method.phoneNumber } : {}),
    ...(method.value !== undefined ? { value: method.value.toLowerCase() } : {}),
    ...(method.alias !== undefined ? { alias: method.alias } : {}),
  };
}
