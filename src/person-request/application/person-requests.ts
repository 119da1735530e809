import { Inject, Injectable } from '@nestjs/common';
import { AttemptRecords } from '../../document-storage/application/attempt-records.js';
import { UploadTargets } from '../../document-storage/application/upload-gate.js';
import { Clock } from '../../kernel/application/clock.port.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { fail } from '../../kernel/domain/errors.js';
import {
  LifecycleRequests,
  type RequestScope,
} from '../../request-lifecycle/application/lifecycle-requests.js';
import type { PersonRequestVersion } from '../domain/v3-person.js';
import {
  personRequestLifecycle,
  type PersonRequest,
  type PrStatus,
  type PrTransition,
} from '../domain/person-request.js';
import { PersonRequestRepository } from './person-request-repository.port.js';
import { PERSON_REQUEST_SETTINGS, type PersonRequestSettings } from './person-request.settings.js';
import { PERSON_REQUEST_ERRORS } from '../domain/person-request-errors.js';

/**
 * Person requests on the request lifecycle: reached by their client only (and, on a route of one
 * registry version, only if created in that version), expiring after `PERSON_REQUEST_TTL_DAYS`,
 * signed with a kept copy.
 */
@Injectable()
export class PersonRequests extends LifecycleRequests<PrStatus, PrTransition, PersonRequest> {
  constructor(
    requests: PersonRequestRepository,
    clock: Clock,
    uow: UnitOfWork,
    uploadTargets: UploadTargets,
    attemptRecords: AttemptRecords,
    @Inject(PERSON_REQUEST_SETTINGS) settings: PersonRequestSettings,
  ) {
    super(
      personRequestLifecycle(settings.ttlDays),
      requests,
      { clock, uow, uploadTargets, attemptRecords },
      {
        notFound: PERSON_REQUEST_ERRORS.personRequestNotFound,
        signedCopyAttempt: (request) => request.signedContentAttemptKey,
      },
    );
  }

  /**
   * Where a route of `version` reaches a request: only among that version's requests, with the
   * same 404 as an unknown id for the others. No version: every version (resend).
   */
  static inVersion(
    version: PersonRequestVersion | undefined,
  ): RequestScope<PersonRequest> | undefined {
    if (version === undefined) return undefined;
    return {
      holds: (request) => request.version === version,
      notFound: () => Promise.resolve(fail(PERSON_REQUEST_ERRORS.personRequestNotFound)),
    };
  }
}
