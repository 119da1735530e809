import { Inject, Injectable } from '@nestjs/common';
import { AttemptRecords } from '../../document-storage/application/attempt-records.js';
import { UploadTargets } from '../../document-storage/application/upload-gate.js';
import { Clock } from '../../kernel/application/clock.port.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { fail } from '../../kernel/domain/errors.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import {
  LifecycleRequests,
  type RequestScope,
} from '../../request-lifecycle/application/lifecycle-requests.js';
import {
  authMethodRequestLifecycle,
  type AmrStatus,
  type AmrTransition,
  type AuthMethodRequest,
} from '../domain/auth-method-request.js';
import { AuthMethodRequestRepository } from './auth-method-request-repository.port.js';
import {
  AUTH_METHOD_REQUEST_SETTINGS,
  type AuthMethodRequestSettings,
} from './auth-method-request.settings.js';
import { AUTH_METHOD_REQUEST_ERRORS } from '../domain/auth-method-request-errors.js';
import { PERSON_ERRORS } from '../../person/domain/person-errors.js';

/**
 * Authentication method requests on the request lifecycle: reached under their person by their
 * client only, expiring after `AUTH_METHOD_REQUEST_TTL_HOURS`.
 */
@Injectable()
export class AuthMethodRequests extends LifecycleRequests<
  AmrStatus,
  AmrTransition,
  AuthMethodRequest
> {
  constructor(
    requests: AuthMethodRequestRepository,
    private readonly registry: PersonRegistry,
    clock: Clock,
    uow: UnitOfWork,
    uploadTargets: UploadTargets,
    attemptRecords: AttemptRecords,
    @Inject(AUTH_METHOD_REQUEST_SETTINGS) settings: AuthMethodRequestSettings,
  ) {
    super(
      authMethodRequestLifecycle(settings.ttlHours),
      requests,
      { clock, uow, uploadTargets, attemptRecords },
      { notFound: AUTH_METHOD_REQUEST_ERRORS.authMethodRequestNotFound },
    );
  }

  /**
   * A request is reached under its person: another person's is not found either. The 404 names
   * the person when there is no such person; the person is looked up only then, which keeps the
   * hot path (approve) at one query before its locks.
   */
  of(personId: string): RequestScope<AuthMethodRequest> {
    return {
      holds: (request) => request.personId === personId,
      notFound: async () =>
        fail(
          (await this.registry.findById(personId))
            ? AUTH_METHOD_REQUEST_ERRORS.authMethodRequestNotFound
            : PERSON_ERRORS.personNotFound,
        ),
    };
  }
}
