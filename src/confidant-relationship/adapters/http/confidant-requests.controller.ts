import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../../../platform/audit/audited.decorator.js';
import { OTP_ERRORS } from '../../../otp/domain/otp-errors.js';
import { PERSON_ERRORS } from '../../../person/domain/person-errors.js';
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
import { verificationCodeOf } from '../../../request-lifecycle/adapters/http/approve-body.js';
import { presentSentCode } from '../../../request-lifecycle/adapters/http/urgent.js';
import { Confirmation } from '../../../request-lifecycle/application/confirmation.js';
import { LIFECYCLE_ERRORS } from '../../../request-lifecycle/domain/lifecycle-errors.js';
import { ApproveConfidantRequestUseCase } from '../../application/approve-confidant-request.use-case.js';
import { CreateConfidantRequestUseCase } from '../../application/create-confidant-request.use-case.js';
import { ReadConfidantUseCase } from '../../application/read-confidant.use-case.js';
import { ResendConfidantRequestOtpUseCase } from '../../application/resend-confidant-request-otp.use-case.js';
import { SignConfidantRequestUseCase } from '../../application/sign-confidant-request.use-case.js';
import { CONFIDANT_ERRORS, tooManyConfidants } from '../../domain/confidant-errors.js';
import { confidantRequestData } from '../../domain/confidant-request.js';
import { ListConfidantRequestsQuery } from './confidant.dto.js';
import {
  CONFIDANT_REQUEST_EXAMPLE,
  CONFIDANT_REQUEST_ITEM,
  CONFIDANT_URGENT,
  DEACTIVATE_BODY_EXAMPLE,
  DEACTIVATE_REQUEST_EXAMPLE,
  INSERT_BODY_EXAMPLE,
} from './confidant.examples.js';
import { presentConfidantRequestItem, withConfidantUrgent } from './confidant.presenter.js';
import {
  ApproveDocs,
  ResendOtpRoute,
  SignDocs,
} from '../../../request-lifecycle/adapters/http/lifecycle-routes.js';

/** A person id of a create or list: an id that is no UUID names no person (403). */
const personOfCreate = new UuidPipe(PERSON_ERRORS.personNotFoundForbidden);
/** A person id of a route with a request id: the request's 404, as for another client's. */
const personOfRequest = new UuidPipe(CONFIDANT_ERRORS.confidantRequestNotFound);
const requestId = new UuidPipe(CONFIDANT_ERRORS.confidantRequestNotFound);
const SIGN_DESCRIPTION =
  'The MIS sends `$.data` of the approved request (GET or approve), with `patient_signed` set ' +
  'to `true`, signed as CMS / PKCS#7 SignedData with the content attached, in base64, checked ' +
  'exactly as a person request’s sign. Then, in one transaction, the relationship is started ' +
  '(INSERT) or ended with today (Kyiv) as its last day (DEACTIVATE), and the request becomes ' +
  'COMPLETED.';

@ApiTags('Confidant person relationships')
@Controller('api/persons/:id/confidant_person_relationship_requests')
export class ConfidantRequestsController {
  constructor(
    private readonly create: CreateConfidantRequestUseCase,
    private readonly reads: ReadConfidantUseCase,
    private readonly approve: ApproveConfidantRequestUseCase,
    private readonly sign: SignConfidantRequestUseCase,
    private readonly resend: ResendConfidantRequestOtpUseCase,
    private readonly confirmation: Confirmation,
  ) {}

  @Post()
  @Audited({ action: 'create', resource: 'confidant_person_relationship_request' })
  @HttpCode(201)
  @Scopes('confidant_person_relationship_request:write')
  @ApiSuccess(201, 'The request, NEW', CONFIDANT_REQUEST_EXAMPLE, { urgent: CONFIDANT_URGENT })
  @ApiOperation({
    summary: 'Request a confidant person relationship (INSERT)',
    description:
      'Checks, in this order: the person exists and is active; the confidant exists, is ' +
      'active, is not the person and is an adult; every relationship document has `type`, ' +
      '`number`, `issued_by`, `issued_at`; the confidant is not one already; the person has ' +
      'fewer than CONFIDANT_PERSONS_MAX confidants. Cancels the person’s NEW request; for an ' +
      'OTP current method (own or the third person’s) sends a code.',
  })
  @ApiBody({ schema: { type: 'object', example: INSERT_BODY_EXAMPLE } })
  @ApiErrors(
    401,
    PERSON_ERRORS.personNotFoundForbidden,
    PERSON_ERRORS.personInactive,
    CONFIDANT_ERRORS.relationshipExists,
    LIFECYCLE_ERRORS.noDocumentsToVerify,
    { status: 422, message: 'Confidant person must be an adult' },
    tooManyConfidants(2),
    429,
    503,
  )
  async insert(
    @Param('id', personOfCreate) id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return withConfidantUrgent(this.confirmation, await this.create.insert(id, body, actor));
  }

  @Post('deactivate')
  @Audited({ action: 'deactivate', resource: 'confidant_person_relationship_request' })
  @HttpCode(201)
  @Scopes('confidant_person_relationship_request:write')
  @ApiSuccess(201, 'The request, NEW', DEACTIVATE_REQUEST_EXAMPLE, { urgent: CONFIDANT_URGENT })
  @ApiOperation({
    summary: 'Request the end of a confidant person relationship (DEACTIVATE)',
    description:
      'The relationship must be the person’s and hold today (404 otherwise). Confirmed and ' +
      'signed as an INSERT; at sign its last day becomes today (Kyiv).',
  })
  @ApiBody({ schema: { type: 'object', example: DEACTIVATE_BODY_EXAMPLE } })
  @ApiErrors(
    401,
    PERSON_ERRORS.personNotFoundForbidden,
    PERSON_ERRORS.personInactive,
    CONFIDANT_ERRORS.relationshipNotFound,
    422,
    429,
    503,
  )
  async deactivate(
    @Param('id', personOfCreate) id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return withConfidantUrgent(this.confirmation, await this.create.deactivate(id, body, actor));
  }

  @Get()
  @Audited({ action: 'list', resource: 'confidant_person_relationship_request' })
  @Scopes('confidant_person_relationship_request:read')
  @ApiSuccess(200, 'A page of the caller’s requests of the person', [CONFIDANT_REQUEST_ITEM], {
    paging: PAGING_EXAMPLE,
  })
  @ApiOperation({ summary: 'List the caller’s confidant relationship requests of a person' })
  @ApiErrors(401, PERSON_ERRORS.personNotFoundForbidden, 422)
  async list(
    @Param('id', personOfCreate) id: string,
    @Query() query: ListConfidantRequestsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? 50;
    const result = await this.reads.listRequests(id, actor.clientId, query.status, page, pageSize);
    return new Enveloped(result.items.map(presentConfidantRequestItem), {
      paging: pagingOf(page, pageSize, result.total),
    });
  }

  @Get(':request_id')
  @Audited({
    action: 'read',
    resource: 'confidant_person_relationship_request',
    param: 'request_id',
  })
  @Scopes('confidant_person_relationship_request:read')
  @ApiSuccess(200, 'The request', CONFIDANT_REQUEST_EXAMPLE, { urgent: CONFIDANT_URGENT })
  @ApiOperation({ summary: 'Read a confidant relationship request' })
  @ApiErrors(401, 403, CONFIDANT_ERRORS.confidantRequestNotFound)
  async get(
    @Param('id', personOfRequest) id: string,
    @Param('request_id', requestId) rid: string,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return withConfidantUrgent(this.confirmation, await this.reads.get(id, rid, actor.clientId));
  }

  @Patch(':request_id/actions/approve')
  @Audited({
    action: 'approve',
    resource: 'confidant_person_relationship_request',
    param: 'request_id',
  })
  @Scopes('confidant_person_relationship_request:write')
  @ApiSuccess(200, 'The request, APPROVED: `data` is what the patient’s side signs', {
    ...CONFIDANT_REQUEST_EXAMPLE,
    status: 'APPROVED',
  })
  @ApiOperation({
    summary: 'Approve a confidant relationship request',
    description:
      'The uploaded scans (every relationship document; the person’s documents too when the ' +
      'current method is OFFLINE or NA), then the SMS code when it is OTP (own or the third ' +
      'person’s). NEW → APPROVED.',
  })
  @ApproveDocs(
    CONFIDANT_ERRORS.confidantRequestNotFound,
    ['BIRTH_CERTIFICATE'],
    OTP_ERRORS.invalidCode,
    tooManyConfidants(2),
  )
  async approveRequest(
    @Param('id', personOfRequest) id: string,
    @Param('request_id', requestId) rid: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    const approved = await this.approve.execute(id, rid, verificationCodeOf(body), actor);
    return confidantRequestData(approved);
  }

  @Patch(':request_id/actions/sign')
  @Audited({
    action: 'sign',
    resource: 'confidant_person_relationship_request',
    param: 'request_id',
  })
  @Scopes('confidant_person_relationship_request:write')
  @CountsAsSignAttempt()
  @ApiSuccess(200, 'The request, COMPLETED', { ...CONFIDANT_REQUEST_EXAMPLE, status: 'COMPLETED' })
  @ApiOperation({ summary: 'Sign a confidant relationship request', description: SIGN_DESCRIPTION })
  @SignDocs({
    notFound: CONFIDANT_ERRORS.confidantRequestNotFound,
    headerDescription: 'Must be the signer’s tax id',
    body: { schema: { type: 'object', example: { signed_content: 'MIAGCSqGSIb3DQEHAqCAMIAC…' } } },
  })
  async signRequest(
    @Param('id', personOfRequest) id: string,
    @Param('request_id', requestId) rid: string,
    @Body() body: unknown,
    @Headers('msp_drfo') mspDrfo: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    const signed = await this.sign.execute({
      personId: id,
      requestId: rid,
      body,
      mspDrfo,
      acting: actor,
    });
    return confidantRequestData(signed);
  }

  @ResendOtpRoute({
    path: ':request_id/actions/resend_otp',
    audit: { resource: 'confidant_person_relationship_request', param: 'request_id' },
    scope: 'confidant_person_relationship_request:write',
    summary: 'Resend the OTP of a confidant relationship request',
    refusals: [
      CONFIDANT_ERRORS.confidantRequestNotFound,
      CONFIDANT_ERRORS.confidantRequestNotNew,
      LIFECYCLE_ERRORS.authMethodNotOtp,
      429,
    ],
  })
  async resendOtp(
    @Param('id', personOfRequest) id: string,
    @Param('request_id', requestId) rid: string,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return presentSentCode(await this.resend.execute(id, rid, actor.clientId));
  }
}
