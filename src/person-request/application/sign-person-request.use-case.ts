import { Injectable } from '@nestjs/common';
import { DocumentStorage } from '../../document-storage/application/document-storage.port.js';
import { signedContentKey } from '../../document-storage/domain/document-key.js';
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
 * and changes nothing; then the signed copy is stored and, in one transaction, the person is
 * written and the request becomes SIGNED. Concurrent signs of one request: the first to lock it
 * wins, the others find it SIGNED (409), so one person is written.
 */
@Injectable()
export class SignPersonRequestUseCase {
  constructor(
    private readonly requests: PersonRequestRepository,
    private readonly access: PersonRequestAccess,
    private readonly verifier: SignatureVerifier,
    private readonly storage: DocumentStorage,
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

    // Stored before the transaction: a retry overwrites the same key, and a copy whose
    // transaction then fails is harmless (the request stays APPROVED and can be signed again).
    await this.storage.put(
      signedContentKey('person_requests', id),
      decoded.bytes,
      'application/pkcs7-mime',
    );
    return this.uow.run(async () => {
      const locked = await this.access.lock(id, acting.clientId);
      if (!canSign(locked.status)) throw fail(ERRORS.invalidTransition);
      const now = this.clock.now();
      const personId = await this.writer.write(locked.person, acting, now);
      const signed: PersonRequest = {
        ...locked,
        status: 'SIGNED',
        personId,
        patientSigned: true,
        updatedBy: acting.userId,
        updatedAt: now,
      };
      await this.requests.save(signed);
      return signed;
    });
  }
}
