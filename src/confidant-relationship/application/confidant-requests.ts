import { Inject, Injectable } from '@nestjs/common';
import { AttemptRecords } from '../../document-storage/application/attempt-records.js';
import { UploadTargets } from '../../document-storage/application/upload-gate.js';
import { Clock } from '../../kernel/application/clock.port.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { dateInKyiv } from '../../kernel/domain/calendar.js';
import { fail } from '../../kernel/domain/errors.js';
import {
  LifecycleRequests,
  type RequestScope,
} from '../../request-lifecycle/application/lifecycle-requests.js';
import { CONFIDANT_ERRORS } from '../domain/confidant-errors.js';
import {
  confidantRequestLifecycle,
  type ConfidantRequest,
  type ConfidantRequestStatus,
  type ConfidantTransition,
} from '../domain/confidant-request.js';
import { ConfidantRequestRepository } from './confidant-request-repository.port.js';
import { CONFIDANT_SETTINGS, type ConfidantSettings } from './confidant.settings.js';

/**
 * Confidant relationship requests on the request lifecycle: reached under their person by their
 * client only (404 otherwise), expiring after `CONFIDANT_REQUEST_TTL_HOURS`, signed with a kept
 * copy.
 */
@Injectable()
export class ConfidantRequests extends LifecycleRequests<
  ConfidantRequestStatus,
  ConfidantTransition,
  ConfidantRequest
> {
  constructor(
    requests: ConfidantRequestRepository,
    clock: Clock,
    uow: UnitOfWork,
    uploadTargets: UploadTargets,
    attemptRecords: AttemptRecords,
    @Inject(CONFIDANT_SETTINGS) settings: ConfidantSettings,
  ) {
    super(
      confidantRequestLifecycle(settings.ttlHours),
      requests,
      { clock, uow, uploadTargets, attemptRecords },
      {
        notFound: CONFIDANT_ERRORS.confidantRequestNotFound,
        signedCopyAttempt: (request) => request.signedContentAttemptKey,
      },
    );
  }

  /** Today in Kyiv, by the service's clock. */
  today(): string {
    return dateInKyiv(this.now());
  }

  /** A request is reached under its person: another person's is not found either. */
  of(personId: string): RequestScope<ConfidantRequest> {
    return {
      holds: (request) => request.personId === personId.toLowerCase(),
      notFound: () => Promise.resolve(fail(CONFIDANT_ERRORS.confidantRequestNotFound)),
    };
  }
}
