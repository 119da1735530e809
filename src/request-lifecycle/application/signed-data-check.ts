import { Injectable } from '@nestjs/common';
import { DomainError, invalid, validationFailed } from '../../kernel/domain/errors.js';
import type { JsonObject } from '../../kernel/domain/json.js';
import { SignatureVerifier } from '../../signature/application/signature-verifier.port.js';
import {
  decodeSignBody,
  DRFO_MISMATCH,
  NOT_SIGNED_CONTENT,
  signedContentProblem,
} from '../domain/signed-content.js';

/**
 * The checks of a sign, whatever the kind of request (docs/api.md, Sign a person request): the
 * body, the signature (the configured verifier, its trust anchors and bounds), the signed JSON
 * against the data the client was shown (the same keys, equal values, `patient_signed: true`),
 * and the signer's tax id against `msp_drfo` when sent. Each failure throws the registry's
 * answer and changes nothing.
 */
@Injectable()
export class SignedDataCheck {
  constructor(private readonly verifier: SignatureVerifier) {}

  /** Returns the signed bytes (the CMS message) once every check passed. */
  async check(body: unknown, shown: JsonObject, mspDrfo: string | undefined): Promise<Uint8Array> {
    const decoded = decodeSignBody(body);
    if (!decoded.ok) {
      throw 'refusal' in decoded
        ? new DomainError('bad_request', decoded.refusal)
        : validationFailed(decoded.problems);
    }
    const check = await this.verifier.verify(decoded.bytes);
    if (check.kind === 'malformed') throw invalid('$.signed_content', NOT_SIGNED_CONTENT);
    if (check.kind === 'invalid') throw new DomainError('bad_request', check.message);
    const problem = signedContentProblem(check.content, shown);
    if (problem) throw validationFailed([problem]);
    if (mspDrfo !== undefined && mspDrfo !== check.signer.drfo) {
      throw invalid('$.token.consumer_id', DRFO_MISMATCH);
    }
    return decoded.bytes;
  }
}
