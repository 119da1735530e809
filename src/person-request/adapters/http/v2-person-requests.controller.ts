import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../../../platform/audit/audited.decorator.js';
import type { Actor } from '../../../platform/auth/actor.js';
import {
  CountsAsSignAttempt,
  CurrentActor,
  Scopes,
} from '../../../platform/auth/scopes.decorator.js';
import { ApiErrors, ApiSuccess } from '../../../platform/docs/api-errors.decorator.js';
import { PAGING_EXAMPLE } from '../../../platform/docs/paging.example.js';
import { Enveloped } from '../../../platform/http/envelope.js';
import { pagingOf } from '../../../platform/http/page-query.dto.js';
import { UuidPipe } from '../../../platform/http/uuid.pipe.js';
import { Clock } from '../../../kernel/application/clock.port.js';
import { validationFailed } from '../../../kernel/domain/errors.js';
import { Confirmation } from '../../../request-lifecycle/application/confirmation.js';
import { verificationCodeOf } from '../../../request-lifecycle/adapters/http/approve-body.js';
import { withUrgent } from '../../../request-lifecycle/adapters/http/urgent.js';
import { ApprovePersonRequestUseCase } from '../../application/approve-person-request.use-case.js';
import { CreatePersonRequestUseCase } from '../../application/create-person-request.use-case.js';
import {
  PERSON_REQUEST_SETTINGS,
  type PersonRequestSettings,
} from '../../application/person-request.settings.js';
import { ReadPersonRequestsUseCase } from '../../application/read-person-requests.use-case.js';
import { RejectPersonRequestUseCase } from '../../application/reject-person-request.use-case.js';
import { SignPersonRequestUseCase } from '../../application/sign-person-request.use-case.js';
import type { PersonRequest } from '../../domain/person-request.js';
import {
  anyVersionListItem,
  personRequestData,
  signedRequestData,
} from '../../domain/person-request-data.js';
import { PERSON_REQUEST_ERRORS } from '../../domain/person-request-errors.js';
import { parsePersonRequestBody } from '../../domain/v3-person.js';
import {
  ApprovePersonRequestDocs,
  RejectPersonRequestDocs,
  SignPersonRequestDocs,
} from './person-request.api-docs.js';
import { ListPersonRequestsQuery } from './person-request.dto.js';
import {
  ANY_VERSION_LIST_ITEMS,
  PERSON_REQUEST_URGENT,
  SIGNED_PERSON_ID,
  V2_PERSON_REQUEST_EXAMPLE,
} from './person-request.examples.js';
import { V2_REQUEST_EXAMPLE } from './v2-request.example.js';

const requestId = new UuidPipe(PERSON_REQUEST_ERRORS.personRequestNotFound);
const V2 = 2;

/**
 * The registry's v2 person requests (a person with flat names), on the same requests as v3: a v2
 * route reaches only requests created in v2 (404 for a v3 one), and answers in v2's shape. Also
 * the version-neutral list of the caller's requests of every version.
 */
@ApiTags('Person requests (v2)')
@Controller('api')
export class V2PersonRequestsController {
  constructor(
    private readonly create: CreatePersonRequestUseCase,
    private readonly reads: ReadPersonRequestsUseCase,
    private readonly approve: ApprovePersonRequestUseCase,
    private readonly sign: SignPersonRequestUseCase,
    private readonly reject: RejectPersonRequestUseCase,
    private readonly confirmation: Confirmation,
    private readonly clock: Clock,
    @Inject(PERSON_REQUEST_SETTINGS) private readonly settings: PersonRequestSettings,
  ) {}

  private withUrgent(request: PersonRequest): Promise<Enveloped<unknown>> {
    return withUrgent(this.confirmation, request, personRequestData(request));
  }

  @Post('v2/person_requests')
  @Audited({ action: 'create', resource: 'person_request', answerId: true })
  @HttpCode(201)
  @Scopes('person_request:write')
  @ApiSuccess(201, 'The request, NEW', V2_PERSON_REQUEST_EXAMPLE, {
    urgent: PERSON_REQUEST_URGENT,
  })
  @ApiOperation({
    summary: 'Create a person request (v2)',
    description:
      'The v2 person: `first_name`, `last_name`, `second_name` instead of `names[]`; otherwise ' +
      'as v3, with the same rules (update by `person.id` without methods or confidant; create ' +
      'with one method; under 14 only THIRD_PERSON; a THIRD_PERSON `value` equal to ' +
      '`confidant_person.person_id`). Stores the person as sent, chooses the current method and, ' +
      'for OTP, sends a code. Signed, it writes the same person as v3 (the names as its `uk` name).',
  })
  @ApiBody({ schema: { type: 'object', example: V2_REQUEST_EXAMPLE } })
  @ApiErrors(400, 401, 403, 413, 422, 429, 503)
  async createRequest(@Body() body: unknown, @CurrentActor() actor: Actor): Promise<unknown> {
    const parsed = parsePersonRequestBody(body, this.clock.now(), {
      version: V2,
      noSelfAuthAge: this.settings.noSelfAuthAge,
    });
    if (!parsed.ok) throw validationFailed(parsed.problems);
    return this.withUrgent(await this.create.execute(parsed.value, actor));
  }

  @Get('v2/person_requests/:id')
  @Audited({ action: 'read', resource: 'person_request', param: 'id' })
  @Scopes('person_request:read')
  @ApiSuccess(200, 'The request', V2_PERSON_REQUEST_EXAMPLE, { urgent: PERSON_REQUEST_URGENT })
  @ApiOperation({
    summary: 'Read a person request (v2)',
    description: 'A v2 request of the caller; a v3 request is not found here (404).',
  })
  @ApiErrors(401, 403, PERSON_REQUEST_ERRORS.personRequestNotFound)
  async getRequest(
    @Param('id', requestId) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.withUrgent(await this.reads.get(id, actor.clientId, V2));
  }

  @Get('person_requests')
  @Audited({ action: 'list', resource: 'person_request' })
  @Scopes('person_request:read')
  @ApiSuccess(200, 'A page of requests of every version', ANY_VERSION_LIST_ITEMS, {
    paging: PAGING_EXAMPLE,
  })
  @ApiOperation({
    summary: "List the client's person requests (every version)",
    description:
      'Items `{ id, status, person: { first_name, last_name, second_name }, version }`, newest ' +
      'first; a v3 request shows its `uk` name. `total_entries` is counted up to a bound.',
  })
  @ApiErrors(401, 403, 422)
  async listRequests(
    @Query() query: ListPersonRequestsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? 50;
    const result = await this.reads.list(actor.clientId, query.status, page, pageSize, 'any');
    return new Enveloped(result.items.map(anyVersionListItem), {
      paging: pagingOf(page, pageSize, result.total),
    });
  }

  @Patch('v2/person_requests/:id/actions/approve')
  @Audited({ action: 'approve', resource: 'person_request', param: 'id' })
  @HttpCode(201)
  @Scopes('person_request:write')
  @ApiSuccess(
    201,
    'The request, APPROVED, with the printout the patient reads and signs in `content`',
    { ...V2_PERSON_REQUEST_EXAMPLE, status: 'APPROVED', content: '<!DOCTYPE html>…' },
    { urgent: PERSON_REQUEST_URGENT },
  )
  @ApiOperation({
    summary: 'Approve a person request (v2)',
    description:
      'As v3: the SMS code (OTP, own or the third person’s) or the uploaded scans (OFFLINE). ' +
      'The request becomes APPROVED with its printout in `content`; nothing is written to the ' +
      'registry until it is signed.',
  })
  @ApprovePersonRequestDocs()
  async approveRequest(
    @Param('id', requestId) id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.withUrgent(await this.approve.execute(id, verificationCodeOf(body), actor, V2));
  }

  @Patch('v2/person_requests/:id/actions/sign')
  @Audited({ action: 'sign', resource: 'person_request', param: 'id' })
  @Scopes('person_request:write')
  @CountsAsSignAttempt()
  @ApiSuccess(200, 'The request, SIGNED, with the id of the person written', {
    id: V2_PERSON_REQUEST_EXAMPLE.id,
    status: 'SIGNED',
    person_id: SIGNED_PERSON_ID,
    inserted_at: V2_PERSON_REQUEST_EXAMPLE.inserted_at,
    updated_at: V2_PERSON_REQUEST_EXAMPLE.updated_at,
  })
  @ApiOperation({
    summary: 'Sign a person request (v2)',
    description:
      'As v3: the MIS sends `$.data` of the approved v2 request (GET or approve), with ' +
      '`patient_signed` set to `true`, signed as CMS / PKCS#7 SignedData with the content ' +
      'attached, in base64; the same limits, signature checks and comparison apply. Then the ' +
      'person is created (or updated, with `person.id`), its names as its `uk` name, and the ' +
      'request becomes SIGNED. The optional `msp_drfo` header must match the signer.',
  })
  @SignPersonRequestDocs()
  async signRequest(
    @Param('id', requestId) id: string,
    @Body() body: unknown,
    @Headers('msp_drfo') mspDrfo: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return signedRequestData(
      await this.sign.execute({ id, body, mspDrfo, acting: actor, version: V2 }),
    );
  }

  @Patch('v2/person_requests/:id/actions/reject')
  @Audited({ action: 'reject', resource: 'person_request', param: 'id' })
  @Scopes('person_request:write')
  @ApiSuccess(
    200,
    'The request, REJECTED',
    { ...V2_PERSON_REQUEST_EXAMPLE, status: 'REJECTED' },
    { urgent: PERSON_REQUEST_URGENT },
  )
  @ApiOperation({ summary: 'Reject a person request (v2)' })
  @RejectPersonRequestDocs()
  async rejectRequest(
    @Param('id', requestId) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.withUrgent(await this.reject.execute(id, actor, V2));
  }
}
