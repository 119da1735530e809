import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../platform/auth/actor.js';
import { CurrentActor, Scopes } from '../../../platform/auth/scopes.decorator.js';
import { INVALID_TRANSITION_TEXT } from '../../../shared/domain/errors.js';
import { ApiErrors, ApiSuccess } from '../../../platform/docs/api-errors.decorator.js';
import {
  AMR_EXAMPLE,
  AMR_URGENT,
  OTP_VERIFICATION_EXAMPLE,
} from '../../../platform/docs/examples.js';
import { Enveloped } from '../../../platform/http/envelope.js';
import { UuidPipe } from '../../../platform/http/uuid.pipe.js';
import { presentCurrentMethod } from '../../../person-request/adapters/http/person-request.presenter.js';
import {
  ApproveBodyDto,
  OtpVerificationView,
  verificationCodeOf,
} from '../../../person-request/adapters/http/person-request.dto.js';
import { MethodVerification } from '../../../shared/application/method-verification.js';
import { ApproveAuthMethodRequestUseCase } from '../../application/approve-auth-method-request.use-case.js';
import {
  CreateAuthMethodRequestUseCase,
  PERSON_NOT_FOUND,
} from '../../application/create-auth-method-request.use-case.js';
import {
  ReadAuthMethodRequestUseCase,
  REQUEST_NOT_FOUND,
} from '../../application/read-auth-method-request.use-case.js';
import type { AuthMethodRequest } from '../../domain/auth-method-request.js';
import { CreateAuthMethodRequestDto } from './auth-method-request.dto.js';
import { presentAuthMethodRequest } from './auth-method-request.presenter.js';

const personId = new UuidPipe(PERSON_NOT_FOUND);
const requestId = new UuidPipe(REQUEST_NOT_FOUND);

@ApiTags('Authentication method requests')
@Controller('api/persons/:id/authentication_method_requests')
export class AuthMethodRequestsController {
  constructor(
    private readonly create: CreateAuthMethodRequestUseCase,
    private readonly reads: ReadAuthMethodRequestUseCase,
    private readonly approve: ApproveAuthMethodRequestUseCase,
    private readonly verification: MethodVerification,
  ) {}

  private async withUrgent(request: AuthMethodRequest): Promise<Enveloped<unknown>> {
    const current = request.authenticationMethodCurrent;
    const documents =
      current.verifiedBy === 'OFFLINE' && request.status === 'NEW'
        ? await this.verification.uploadUrls(request.documents)
        : undefined;
    return new Enveloped(presentAuthMethodRequest(request), {
      urgent: {
        authentication_method_current: presentCurrentMethod(current),
        ...(documents ? { documents } : {}),
      },
    });
  }

  @Post()
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
    { status: 404, message: PERSON_NOT_FOUND },
    { status: 409, message: "Such person isn't active" },
    { status: 409, message: 'Person already has auth method OFFLINE' },
    { status: 409, message: "Person can't be authorized with NA authentication method" },
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
    const request = await this.create.execute({
      personId: id,
      action: body.action,
      method: {
        ...(m.type !== undefined ? { type: m.type } : {}),
        ...(m.id !== undefined ? { id: m.id } : {}),
        ...(m.phone_number !== undefined ? { phoneNumber: m.phone_number } : {}),
        ...(m.value !== undefined ? { value: m.value } : {}),
        ...(m.alias !== undefined ? { alias: m.alias } : {}),
      },
      actorId: actor.userId,
    });
    return this.withUrgent(request);
  }

  @Get(':request_id')
  @Scopes('authentication_method_request:read')
  @ApiSuccess(200, 'The request', AMR_EXAMPLE, { urgent: AMR_URGENT })
  @ApiOperation({ summary: 'Read an authentication method request' })
  @ApiErrors(401, 403, { status: 404, message: REQUEST_NOT_FOUND })
  async getRequest(
    @Param('id', personId) id: string,
    @Param('request_id', requestId) rid: string,
  ): Promise<unknown> {
    return this.withUrgent(await this.reads.get(id, rid));
  }

  @Patch(':request_id/actions/approve')
  @Scopes('authentication_method_request:write')
  @ApiSuccess(
    200,
    'The request, COMPLETED',
    { ...AMR_EXAMPLE, status: 'COMPLETED' },
    { urgent: AMR_URGENT },
  )
  @ApiOperation({
    summary: 'Approve an authentication method request (seed 003)',
    description:
      'Verifies the current method (OTP code, uploaded documents, or nothing for NA), then in one transaction completes the request, changes the methods, applies the verification rules and records the event.',
  })
  @ApiBody({ type: ApproveBodyDto, required: false })
  @ApiErrors(
    401,
    403,
    { status: 404, message: REQUEST_NOT_FOUND },
    { status: 409, message: INVALID_TRANSITION_TEXT },
    { status: 409, message: 'Documents PASSPORT, NATIONAL_ID is not uploaded' },
    422,
    { status: 422, type: 'forbidden', message: 'Invalid verification code' },
    { status: 422, type: 'forbidden', message: 'Verification code expired' },
    { status: 422, type: 'forbidden', message: 'Maximum attempts exceed' },
    503,
  )
  async approveRequest(
    @Param('id', personId) id: string,
    @Param('request_id', requestId) rid: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.withUrgent(
      await this.approve.execute(id, rid, verificationCodeOf(body), actor.userId),
    );
  }

  @Post(':request_id/actions/resend_otp')
  @HttpCode(200)
  @Scopes('authentication_method_request:write')
  @ApiSuccess(200, 'The new verification', OTP_VERIFICATION_EXAMPLE)
  @ApiOperation({ summary: 'Resend the OTP of an authentication method request' })
  @ApiErrors(
    401,
    403,
    { status: 404, message: REQUEST_NOT_FOUND },
    { status: 409, message: 'Auth method is not OTP' },
    429,
    503,
  )
  async resendOtp(
    @Param('id', personId) id: string,
    @Param('request_id', requestId) rid: string,
  ): Promise<OtpVerificationView> {
    return this.reads.resendOtp(id, rid);
  }
}
