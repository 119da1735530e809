import { Audited } from '../../../platform/audit/audited.decorator.js';
import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../platform/auth/actor.js';
import { CurrentActor, Scopes } from '../../../platform/auth/scopes.decorator.js';
import { ApiErrors, ApiSuccess } from '../../../platform/docs/api-errors.decorator.js';
import { AMR_APPROVED_EXAMPLE, AMR_EXAMPLE, AMR_URGENT } from './auth-method-request.examples.js';
import { Enveloped } from '../../../platform/http/envelope.js';
import { UuidPipe } from '../../../platform/http/uuid.pipe.js';
import { atPaths } from '../../../platform/http/field-paths.js';
import { Confirmation } from '../../../request-lifecycle/application/confirmation.js';
import { verificationCodeOf } from '../../../request-lifecycle/adapters/http/approve-body.js';
import { presentSentCode, withUrgent } from '../../../request-lifecycle/adapters/http/urgent.js';
import { LIFECYCLE_ERRORS } from '../../../request-lifecycle/domain/lifecycle-errors.js';
import { ApproveAuthMethodRequestUseCase } from '../../application/approve-auth-method-request.use-case.js';
import { CreateAuthMethodRequestUseCase } from '../../application/create-auth-method-request.use-case.js';
import { ReadAuthMethodRequestUseCase } from '../../application/read-auth-method-request.use-case.js';
import { ResendAuthMethodRequestOtpUseCase } from '../../application/resend-auth-method-request-otp.use-case.js';
import type { AuthMethodRequest } from '../../domain/auth-method-request.js';
import { AUTH_METHOD_FIELD_PATHS, CreateAuthMethodRequestDto } from './auth-method-request.dto.js';
import { presentAuthMethodRequest } from './auth-method-request.presenter.js';
import { PERSON_ERRORS } from '../../../person/domain/person-errors.js';
import { AUTH_METHOD_REQUEST_ERRORS } from '../../domain/auth-method-request-errors.js';
import { OTP_ERRORS } from '../../../otp/domain/otp-errors.js';
import {
  ApproveDocs,
  ResendOtpRoute,
} from '../../../request-lifecycle/adapters/http/lifecycle-routes.js';

const personId = new UuidPipe(PERSON_ERRORS.personNotFound);
const requestId = new UuidPipe(AUTH_METHOD_REQUEST_ERRORS.authMethodRequestNotFound);

@ApiTags('Authentication method requests')
@Controller('api/persons/:id/authentication_method_requests')
export class AuthMethodRequestsController {
  constructor(
    private readonly create: CreateAuthMethodRequestUseCase,
    private readonly reads: ReadAuthMethodRequestUseCase,
    private readonly approve: ApproveAuthMethodRequestUseCase,
    private readonly resend: ResendAuthMethodRequestOtpUseCase,
    private readonly confirmation: Confirmation,
  ) {}

  private withUrgent(request: AuthMethodRequest): Promise<Enveloped<unknown>> {
    return withUrgent(this.confirmation, request, presentAuthMethodRequest(request), true);
  }

  @Post()
  @Audited({ action: 'create', resource: 'authentication_method_request', answerId: true })
  @HttpCode(201)
  @Scopes('authentication_method_request:write')
  @ApiSuccess(201, 'The request, NEW', AMR_EXAMPLE, { urgent: AMR_URGENT })
  @ApiOperation({
    summary: 'Create an authentication method request',
    description: 'Cancels the person’s older NEW requests.',
  })
  @ApiErrors(
    400,
    401,
    403,
    PERSON_ERRORS.personNotFound,
    PERSON_ERRORS.personInactive,
    AUTH_METHOD_REQUEST_ERRORS.alreadyOffline,
    AUTH_METHOD_REQUEST_ERRORS.naMethod,
    422,
    429,
    503,
  )
  async createRequest(
    @Param('id', personId) id: string,
    @Body() body: CreateAuthMethodRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    const m = body.authentication_method;
    const request = await atPaths(
      AUTH_METHOD_FIELD_PATHS,
      this.create.execute({
        personId: id,
        action: body.action,
        method: {
          ...(m.type !== undefined ? { type: m.type } : {}),
          ...(m.id !== undefined ? { id: m.id } : {}),
          ...(m.phone_number !== undefined ? { phoneNumber: m.phone_number } : {}),
          ...(m.value !== undefined ? { value: m.value } : {}),
          ...(m.alias !== undefined ? { alias: m.alias } : {}),
        },
        acting: actor,
      }),
    );
    return this.withUrgent(request);
  }

  @Get(':request_id')
  @Audited({ action: 'read', resource: 'authentication_method_request', param: 'request_id' })
  @Scopes('authentication_method_request:read')
  @ApiSuccess(200, 'The request', AMR_EXAMPLE, { urgent: AMR_URGENT })
  @ApiOperation({ summary: 'Read an authentication method request' })
  @ApiErrors(401, 403, AUTH_METHOD_REQUEST_ERRORS.authMethodRequestNotFound)
  async getRequest(
    @Param('id', personId) id: string,
    @Param('request_id', requestId) rid: string,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.withUrgent(await this.reads.get(id, rid, actor.clientId));
  }

  @Patch(':request_id/actions/approve')
  @HttpCode(201)
  @Audited({
    action: 'approve',
    resource: 'authentication_method_request',
    param: 'request_id',
  })
  @Scopes('authentication_method_request:write')
  @ApiSuccess(201, 'The request, COMPLETED: its id, status and channel', AMR_APPROVED_EXAMPLE, {
    urgent: { ...AMR_URGENT, documents: [] },
  })
  @ApiOperation({
    summary: 'Approve an authentication method request',
    description:
      'Verifies the current method (OTP code, uploaded documents, or nothing for NA), then in one transaction completes the request, changes the methods, applies the verification rules and records the event.',
  })
  @ApproveDocs(
    AUTH_METHOD_REQUEST_ERRORS.authMethodRequestNotFound,
    ['PASSPORT', 'NATIONAL_ID'],
    422,
    OTP_ERRORS.invalidCode,
    OTP_ERRORS.codeExpired,
    OTP_ERRORS.attemptsExceeded,
  )
  async approveRequest(
    @Param('id', personId) id: string,
    @Param('request_id', requestId) rid: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    const approved = await this.approve.execute(id, rid, verificationCodeOf(body), actor);
    return withUrgent(
      this.confirmation,
      approved,
      { id: approved.id, status: approved.status, channel: approved.channel },
      true,
    );
  }

  @ResendOtpRoute({
    path: ':request_id/actions/resend_otp',
    audit: { resource: 'authentication_method_request', param: 'request_id' },
    scope: 'authentication_method_request:write',
    summary: 'Resend the OTP of an authentication method request',
    refusals: [
      AUTH_METHOD_REQUEST_ERRORS.authMethodRequestNotFound,
      AUTH_METHOD_REQUEST_ERRORS.authMethodRequestNotNew,
      LIFECYCLE_ERRORS.authMethodNotOtp,
      429,
    ],
  })
  async resendOtp(
    @Param('id', personId) id: string,
    @Param('request_id', requestId) rid: string,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return presentSentCode(await this.resend.execute(id, rid, actor.clientId));
  }
}
