import { Injectable } from '@nestjs/common';
import { SignedCopies } from '../../document-storage/application/signed-copies.js';
import { SignatureVerifier } from '../../signature/application/signature-verifier.port.js';
import type { Acting } from '../../kernel/application/acting.js';
import { Clock } from '../../kernel/application/clock.port.js';
import { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { ERRORS } from '../../kernel/domain/error-catalogue.js';
import { DomainError, fail, invalid, validationFailed } from '../../kernel/domain/errors.js';
import { canSign, type PersonRequest } from '../domain/person-request.js';
import { personRequestData } from '../domain/person-request-data.js';
import {
  decodeSignBody,
  DRFO_MISMATCH,
  NOT_SIGNED_CONTENT,
  signedContentProblem,
} from '../domain/signed-content.js';
import { PersonRequestAccess } from './person-request-access.js';
import { PersonRequestRepository } from './person-request-repository.port.js';
import { PersonWriter } from './person-writer.js';

export interface SignCommand {
  readonly id: string;
  /** The request body as sent: `{ signed_content, signed_content_encoding? }`. */
  readonly body: unknown;
  /** The `msp_drfo` header (the signing employee's tax id), when the client sends it. */
  readonly mspDrfo: string | undefined;
  readonly acting: Acting;
}

/**
 * PATCH /api/v3/person_requests/{id}/actions/sign: the patient's data and printout, signed with
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
    private readonly requests: PersonRequestRepository,
    private readonly access: PersonRequestAccess,
    private readonly verifier: SignatureVerifier,
    private readonly signedCopies: SignedCopies,
    private readonly writer: PersonWriter,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(command: SignCommand): Promise<PersonRequest> {
    const { id, acting } = command;
    const request = await this.access.get(id, acting.clientId);
    if (!canSign(request.status)) throw fail(ERRORS.invalidTransition);

    const decoded = decodeSignBody(command.body);
    if (!decoded.ok) {
      throw 'refusal' in decoded
        ? new DomainError('bad_request', decoded.refusal)
        : validationFailed(decoded.problems);
    }
    const check = await this.verifier.verify(decoded.bytes);
    if (check.kind === 'malformed') throw invalid('$.signed_content', NOT_SIGNED_CONTENT);
    if (check.kind === 'invalid') throw new DomainError('bad_request', check.message);

    const problem = signedContentProblem(check.content, personRequestData(request));
    if (problem) throw validationFailed([problem]);
    if (command.mspDrfo !== undefined && command.mspDrfo !== check.signer.drfo) {
      throw invalid('$.token.consumer_id', DRFO_MISMATCH);
    }

    // The copy is stored before the transaction, so that no storage call holds the lock, under
    // a key of this attempt's own: a sign that loses the lock, or fails, leaves no trace.
    return this.signedCopies.keepIfCommitted('person_requests', id, decoded.bytes, (attempt) =>
      this.uow.run(async () => {
        const locked = await this.access.lock(id, acting.clientId);
        if (!canSign(locked.status)) throw fail(ERRORS.invalidTransition);
        const now = this.clock.now();
        const personId = await this.writer.write(locked.person, acting, now);
        const signed: PersonRequest = {
          ...locked,
          status: 'SIGNED',
          personId,
          patientSigned: true,
          signedContentAttemptKey: attempt,
          updatedBy: acting.userId,
          updatedAt: now,
        };
        await this.requests.save(signed);
        return signed;
      }),
    );
  }
}
