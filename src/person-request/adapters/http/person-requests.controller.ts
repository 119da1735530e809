import { Audited } from '../../../platform/audit/audited.decorator.js';
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
import type { Actor } from '../../../platform/auth/actor.js';
import {
  CountsAsSignAttempt,
  CurrentActor,
  Scopes,
} from '../../../platform/auth/scopes.decorator.js';
import { ApiErrors, ApiSuccess } from '../../../platform/docs/api-errors.decorator.js';
import { OTP_VERIFICATION_EXAMPLE } from '../../../request-lifecycle/adapters/http/sent-code.example.js';
import { PAGING_EXAMPLE } from '../../../platform/docs/paging.example.js';
import {
  PERSON_REQUEST_EXAMPLE,
  PERSON_REQUEST_LIST_ITEM,
  PERSON_REQUEST_URGENT,
  SIGNED_PERSON_ID,
} from './person-request.examples.js';
import { Enveloped } from '../../../platform/http/envelope.js';
import { pagingOf } from '../../../platform/http/page-query.dto.js';
import { UuidPipe } from '../../../platform/http/uuid.pipe.js';
import { Clock } from '../../../kernel/application/clock.port.js';
import { validationFailed } from '../../../kernel/domain/errors.js';
import { ApprovePersonRequestUseCase } from '../../application/approve-person-request.use-case.js';
import { CreatePersonRequestUseCase } from '../../application/create-person-request.use-case.js';
import { ReadPersonRequestsUseCase } from '../../application/read-person-requests.use-case.js';
import { RejectPersonRequestUseCase } from '../../application/reject-person-request.use-case.js';
import { SignPersonRequestUseCase } from '../../application/sign-person-request.use-case.js';
import { Confirmation } from '../../../request-lifecycle/application/confirmation.js';
import { verificationCodeOf } from '../../../request-lifecycle/adapters/http/approve-body.js';
import { presentSentCode, withUrgent } from '../../../request-lifecycle/adapters/http/urgent.js';
import { LIFECYCLE_ERRORS } from '../../../request-lifecycle/domain/lifecycle-errors.js';
import {
  PERSON_REQUEST_SETTINGS,
  type PersonRequestSettings,
} from '../../application/person-request.settings.js';
import { ResendPersonRequestOtpUseCase } from '../../application/resend-person-request-otp.use-case.js';
import type { PersonRequest } from '../../domain/person-request.js';
import { parsePersonRequestBody } from '../../domain/v3-person.js';
import {
  ApprovePersonRequestDocs,
  RejectPersonRequestDocs,
  SignPersonRequestDocs,
} from './person-request.api-docs.js';
import { ListPersonRequestsQuery, V3_REQUEST_EXAMPLE } from './person-request.dto.js';
import {
  personRequestData,
  personRequestListItem,
  signedRequestData,
} from '../../domain/person-request-data.js';
import { PERSON_REQUEST_ERRORS } from '../../domain/person-request-errors.js';
import { OTP_ERRORS } from '../../../otp/domain/otp-errors.js';

const requestId = new UuidPipe(PERSON_REQUEST_ERRORS.personRequestNotFound);

@ApiTags('Person requests (v3)')
@Controller('api')
export class PersonRequestsController {
  constructor(
    private readonly create: CreatePersonRequestUseCase,
    private readonly reads: ReadPersonRequestsUseCase,
    private readonly resend: ResendPersonRequestOtpUseCase,
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

  @Post('v3/person_requests')
  @Audited({ action: 'create', resource: 'person_request', answerId: true })
  @HttpCode(201)
  @Scopes('person_request:write')
  @ApiSuccess(201, 'The request, NEW', PERSON_REQUEST_EXAMPLE, { urgent: PERSON_REQUEST_URGENT })
  @ApiOperation({
    summary: 'Create a person request (v3)',
    description:
      'Stores the v3 person as sent, chooses the current authentication method and, for OTP, sends a code.',
  })
  @ApiBody({ schema: { type: 'object', example: V3_REQUEST_EXAMPLE } })
  @ApiErrors(400, 401, 403, 413, 422, 429, 503)
  async createRequest(@Body() body: unknown, @CurrentActor() actor: Actor): Promise<unknown> {
    const parsed = parsePersonRequestBody(body, this.clock.now(), {
      version: 3,
      noSelfAuthAge: this.settings.noSelfAuthAge,
    });
    if (!parsed.ok) throw validationFailed(parsed.problems);
    return this.withUrgent(await this.create.execute(parsed.value, actor));
  }

  @Get('v3/person_requests/:id')
  @Audited({ action: 'read', resource: 'person_request', param: 'id' })
  @Scopes('person_request:read')
  @ApiSuccess(200, 'The request', PERSON_REQUEST_EXAMPLE, { urgent: PERSON_REQUEST_URGENT })
  @ApiOperation({ summary: 'Read a person request (v3)' })
  @ApiErrors(401, 403, PERSON_REQUEST_ERRORS.personRequestNotFound)
  async getRequest(
    @Param('id', requestId) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.withUrgent(await this.reads.get(id, actor.clientId));
  }

  @Get('v3/person_requests')
  @Audited({ action: 'list', resource: 'person_request' })
  @Scopes('person_request:read')
  @ApiSuccess(200, 'A page of requests', [PERSON_REQUEST_LIST_ITEM], { paging: PAGING_EXAMPLE })
  @ApiOperation({ summary: "List the client's person requests (v3)" })
  @ApiErrors(401, 403, 422)
  async listRequests(
    @Query() query: ListPersonRequestsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? 50;
    const result = await this.reads.list(actor.clientId, query.status, page, pageSize);
    return new Enveloped(result.items.map(personRequestListItem), {
      paging: pagingOf(page, pageSize, result.total),
    });
  }

  @Post('person_requests/:id/actions/resend_otp')
  @Audited({ action: 'resend', resource: 'person_request', param: 'id' })
  @HttpCode(200)
  @Scopes('person_request:write')
  @ApiSuccess(200, 'The new verification', OTP_VERIFICATION_EXAMPLE)
  @ApiOperation({
    summary: 'Resend the authorization OTP of a person request',
    description:
      'Body: none, `{}` or `[]`. Sends a new code to the phone of the current method; the previous code stops working.',
  })
  @ApiErrors(
    401,
    403,
    PERSON_REQUEST_ERRORS.personRequestNotFound,
    PERSON_REQUEST_ERRORS.personRequestNotNew,
    LIFECYCLE_ERRORS.authMethodNotOtp,
    OTP_ERRORS.resendTooSoon,
    503,
  )
  async resendOtp(
    @Param('id', requestId) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return presentSentCode(await this.resend.execute(id, actor.clientId));
  }

  @Patch('v3/person_requests/:id/actions/approve')
  @HttpCode(201)
  @Audited({ action: 'approve', resource: 'person_request', param: 'id' })
  @Scopes('person_request:write')
  @ApiSuccess(
    201,
    'The request, APPROVED, with the printout the patient reads and signs in `content`',
    { ...PERSON_REQUEST_EXAMPLE, status: 'APPROVED', content: '<!DOCTYPE html>…' },
    { urgent: PERSON_REQUEST_URGENT },
  )
  @ApiOperation({
    summary: 'Approve a person request (v3)',
    description:
      'Confirms the patient’s identity: the SMS code (OTP, own or the third person’s) or the ' +
      'uploaded scans (OFFLINE). The request becomes APPROVED with its printout in `content`; ' +
      'nothing is written to the registry until it is signed.',
  })
  @ApprovePersonRequestDocs()
  async approveRequest(
    @Param('id', requestId) id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.withUrgent(await this.approve.execute(id, verificationCodeOf(body), actor));
  }

  @Patch('v3/person_requests/:id/actions/sign')
  @Audited({ action: 'sign', resource: 'person_request', param: 'id' })
  @Scopes('person_request:write')
  @CountsAsSignAttempt()
  @ApiSuccess(200, 'The request, SIGNED, with the id of the person written', {
    id: PERSON_REQUEST_EXAMPLE.id,
    status: 'SIGNED',
    person_id: SIGNED_PERSON_ID,
    inserted_at: PERSON_REQUEST_EXAMPLE.inserted_at,
    updated_at: PERSON_REQUEST_EXAMPLE.updated_at,
  })
  @ApiOperation({
    summary: 'Sign a person request (v3)',
    description:
      'The MIS sends `$.data` of the approved request (GET or approve), with `patient_signed` ' +
      'set to `true`, signed as CMS / PKCS#7 SignedData with the content attached, in base64. ' +
      'The message is at most 512 KiB decoded and carries one signature, at most 10 ' +
      'certificates and a chain of at most 5 (400 otherwise, before any signature check); the ' +
      'signed JSON is read strictly (a duplicated key, a lone surrogate, bytes that are not ' +
      'UTF-8 or a BOM: 422 on `$.signed_content`). ' +
      'The signature and its certificate chain are verified; then the person is created (or ' +
      'updated, when the request named `person.id`) and the request becomes SIGNED. In ' +
      'development, `npm run sign -- <file.json>` signs a file with the development signer. ' +
      'The optional `msp_drfo` header (the signing employee’s tax id) must match the signer.',
  })
  @SignPersonRequestDocs()
  async signRequest(
    @Param('id', requestId) id: string,
    @Body() body: unknown,
    @Headers('msp_drfo') mspDrfo: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return signedRequestData(await this.sign.execute({ id, body, mspDrfo, acting: actor }));
  }

  @Patch('v3/person_requests/:id/actions/reject')
  @Audited({ action: 'reject', resource: 'person_request', param: 'id' })
  @Scopes('person_request:write')
  @ApiSuccess(
    200,
    'The request, REJECTED',
    { ...PERSON_REQUEST_EXAMPLE, status: 'REJECTED' },
    { urgent: PERSON_REQUEST_URGENT },
  )
  @ApiOperation({ summary: 'Reject a person request (v3)' })
  @RejectPersonRequestDocs()
  async rejectRequest(
    @Param('id', requestId) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.withUrgent(await this.reject.execute(id, actor));
  }
}
