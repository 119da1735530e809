import { Injectable } from '@nestjs/common';
import { Clock } from '../../kernel/application/clock.port.js';
import { fail } from '../../kernel/domain/errors.js';
import { PERSON_ERRORS } from '../domain/person-errors.js';
import {
  registerVerificationProblems,
  type RegisterVerification,
} from '../domain/register-verification.js';
import { PersonRegistry } from './person-registry.port.js';
import { RegisterVerifications } from './register-verifications.port.js';

/**
 * How a host records what a state register said of a person; `GET /api/persons/{id}/verification`
 * then answers it in `details`. A result this service cannot answer as the registry does is
 * refused with a TypeError (a host's programming error, not a client's).
 */
@Injectable()
export class RecordRegisterVerificationUseCase {
  constructor(
    private readonly registry: PersonRegistry,
    private readonly results: RegisterVerifications,
    private readonly clock: Clock,
  ) {}

  async execute(personId: string, result: RegisterVerification): Promise<void> {
    const problems = registerVerificationProblems(result);
    if (problems.length > 0) throw new TypeError(problems.join('; '));
    if (!(await this.registry.findById(personId))) throw fail(PERSON_ERRORS.personNotFound);
    await this.results.record(personId, result, this.clock.now());
  }
}
