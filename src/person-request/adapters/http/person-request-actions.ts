import { Inject } from '@nestjs/common';
import { Clock } from '../../../kernel/application/clock.port.js';
import { validationFailed } from '../../../kernel/domain/errors.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Enveloped } from '../../../platform/http/envelope.js';
import { UuidPipe } from '../../../platform/http/uuid.pipe.js';
import { verificationCodeOf } from '../../../request-lifecycle/adapters/http/approve-body.js';
import { withUrgent } from '../../../request-lifecycle/adapters/http/urgent.js';
import { Confirmation } from '../../../request-lifecycle/application/confirmation.js';
import { ApprovePersonRequestUseCase } from '../../application/approve-person-request.use-case.js';
import { CreatePersonRequestUseCase } from '../../application/create-person-request.use-case.js';
import {
  PERSON_REQUEST_SETTINGS,
  type PersonRequestSettings,
} from '../../application/person-request.settings.js';
import { ReadPersonRequestsUseCase } from '../../application/read-person-requests.use-case.js';
import { RejectPersonRequestUseCase } from '../../application/reject-person-request.use-case.js';
import { ResendPersonRequestOtpUseCase } from '../../application/resend-person-request-otp.use-case.js';
import { SignPersonRequestUseCase } from '../../application/sign-person-request.use-case.js';
import type { PersonRequest } from '../../domain/person-request.js';
import { PERSON_REQUEST_ERRORS } from '../../domain/person-request-errors.js';
import { personRequestData, signedRequestData } from '../../domain/person-request-data.js';
import { parsePersonRequestBody } from '../../domain/v3-person.js';
import type { PersonRequestVersion } from '../../domain/v3-person.validation.js';

/** The `{id}` of a person request route: a UUID, else 404 as for a request that is not there. */
export const personRequestId = new UuidPipe(PERSON_REQUEST_ERRORS.personRequestNotFound);

/**
 * What the v2 and v3 person-request controllers share: the use cases, and each action's handling
 * for a version (a route reaches only its version's requests and answers in its shape). Each
 * controller declares its routes and their documentation, and hands the call to these.
 */
export abstract class PersonRequestActions {
  constructor(
    protected readonly create: CreatePersonRequestUseCase,
    protected readonly reads: ReadPersonRequestsUseCase,
    protected readonly resend: ResendPersonRequestOtpUseCase,
    protected readonly approve: ApprovePersonRequestUseCase,
    protected readonly sign: SignPersonRequestUseCase,
    protected readonly reject: RejectPersonRequestUseCase,
    protected readonly confirmation: Confirmation,
    protected readonly clock: Clock,
    @Inject(PERSON_REQUEST_SETTINGS) protected readonly settings: PersonRequestSettings,
  ) {}

  private withUrgent(request: PersonRequest): Promise<Enveloped<unknown>> {
    return withUrgent(this.confirmation, request, personRequestData(request));
  }

  protected async created(
    version: PersonRequestVersion,
    body: unknown,
    actor: Actor,
  ): Promise<unknown> {
    const parsed = parsePersonRequestBody(body, this.clock.now(), {
      version,
      noSelfAuthAge: this.settings.noSelfAuthAge,
    });
    if (!parsed.ok) throw validationFailed(parsed.problems);
    return this.withUrgent(await this.create.execute(parsed.value, actor));
  }

  protected async readOne(
    version: PersonRequestVersion,
    id: string,
    actor: Actor,
  ): Promise<unknown> {
    return this.withUrgent(await this.reads.get(id, actor.clientId, version));
  }

  protected async approved(
    version: PersonRequestVersion,
    id: string,
    body: unknown,
    actor: Actor,
  ): Promise<unknown> {
    return this.withUrgent(
      await this.approve.execute(id, verificationCodeOf(body), actor, version),
    );
  }

  protected async signed(
    version: PersonRequestVersion,
    id: string,
    body: unknown,
    mspDrfo: string | undefined,
    actor: Actor,
  ): Promise<unknown> {
    return signedRequestData(
      await this.sign.execute({ id, body, mspDrfo, acting: actor, version }),
    );
  }

  protected async rejected(
    version: PersonRequestVersion,
    id: string,
    actor: Actor,
  ): Promise<unknown> {
    return this.withUrgent(await this.reject.execute(id, actor, version));
  }
}
