import { Injectable } from '@nestjs/common';
import { SignedCopies } from '../../document-storage/application/signed-copies.js';
import type { Acting } from '../../kernel/application/acting.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { SignedDataCheck } from '../../request-lifecycle/application/signed-data-check.js';
import { stampOf } from '../../request-lifecycle/application/stamp.js';
import { assertCan } from '../../request-lifecycle/domain/lifecycle.js';
import {
  PERSON_REQUESTS,
  signPersonRequest,
  type PersonRequest,
} from '../domain/person-request.js';
import { personRequestData } from '../domain/person-request-data.js';
import { PersonRequestRepository } from './person-request-repository.port.js';
import { PersonRequests } from './person-requests.js';
import type { PersonRequestVersion } from '../domain/v3-person.js';
import { PersonWriter } from './person-writer.js';

export interface SignCommand {
  readonly id: string;
  /** The request body as sent: `{ signed_content, signed_content_encoding? }`. */
  readonly body: unknown;
  /** The `msp_drfo` header (the signing employee's tax id), when the client sends it. */
  readonly mspDrfo: string | undefined;
  readonly acting: Acting;
  /** The version of the route (v3 when not given): it reaches only that version's requests. */
  readonly version?: PersonRequestVersion;
}

/**
 * PATCH /api/v{2,3}/person_requests/{id}/actions/sign: the patient's data and printout, signed with
 * a verified electronic signature, write the person to the registry. Every check comes first
 * and changes nothing; then the signed copy is stored as an attempt and, in one transaction, the
 * person is written, the request becomes SIGNED and the attempt's key is recorded; after the
 * commit the attempt becomes `person_requests/<id>/signed_content.p7s` (SignedCopies).
 * Concurrent signs of one request: the first to lock it wins, the others find it SIGNED (409)
 * and their attempts are removed, so one person is written and one signature kept.
 */
@Injectable()
export class SignPersonRequestUseCase {
  constructor(
    private readonly requests: PersonRequests,
    private readonly repository: PersonRequestRepository,
    private readonly signedData: SignedDataCheck,
    private readonly signedCopies: SignedCopies,
    private readonly writer: PersonWriter,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(command: SignCommand): Promise<PersonRequest> {
    const { id, acting } = command;
    const { lifecycle } = this.requests;
    const scope = PersonRequests.inVersion(command.version ?? 3);
    const request = await this.requests.get(id, acting.clientId, scope);
    assertCan(lifecycle, request, 'sign');
    const bytes = await this.signedData.check(
      command.body,
      personRequestData(request),
      command.mspDrfo,
    );
    // The copy is stored before the transaction, so that no storage call holds the lock, under
    // a key of this attempt's own: a sign that loses the lock, or fails, leaves no trace.
    return this.signedCopies.keepIfCommitted(PERSON_REQUESTS, id, bytes, (attempt) =>
      this.uow.run(async () => {
        const locked = await this.requests.lock(id, acting.clientId, scope);
        const stamp = stampOf(acting, this.requests.now());
        assertCan(lifecycle, locked, 'sign');
        const personId = await this.writer.write(locked.person, acting, stamp.at);
        const signed = signPersonRequest(lifecycle, locked, stamp, {
          personId,
          signedContentAttemptKey: attempt,
        });
        await this.repository.updateState(signed);
        return signed;
      }),
    );
  }
}
