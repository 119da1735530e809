import { Inject, Injectable } from '@nestjs/common';
import { AttemptRecords } from '../../document-storage/application/attempt-records.js';
import { UploadTargets } from '../../document-storage/application/upload-gate.js';
import { Clock } from '../../kernel/application/clock.port.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { LifecycleRequests } from '../../request-lifecycle/application/lifecycle-requests.js';
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
 * Person requests on the request lifecycle: reached by their client only, expiring after
 * `PERSON_REQUEST_TTL_DAYS`, signed with a kept copy.
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
}
