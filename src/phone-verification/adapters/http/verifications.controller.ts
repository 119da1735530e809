import { Audited } from '../../../platform/audit/audited.decorator.js';
import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  OTP_REJECTION_TEXT,
  type OtpVerification,
} from '../../../otp/application/otp-verifier.port.js';
import { OTP_ERRORS } from '../../../otp/domain/otp-errors.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { CurrentActor, Scopes } from '../../../platform/auth/scopes.decorator.js';
import { ApiErrors } from '../../../platform/docs/api-errors.decorator.js';
import { CompletePhoneVerificationUseCase } from '../../application/complete-phone-verification.use-case.js';
import { FindVerifiedPhoneUseCase } from '../../application/find-verified-phone.use-case.js';
import { InitializePhoneVerificationUseCase } from '../../application/initialize-phone-verification.use-case.js';
import {
  CompleteVerificationDto,
  InitializeVerificationDto,
  VerificationResponseDto,
  VerifiedPhoneDto,
} from './phone-verification.dto.js';

/** The OTP service's verification (the code just sent or completed), as the routes answer it. */
function present(v: OtpVerification): VerificationResponseDto {
  return {
    id: v.id,
    status: v.status,
    code_expired_at: v.codeExpiredAt.toISOString(),
    active: v.active,
  };
}

const SCOPE_403 = {
  status: 403,
  message:
    'Your scope does not allow to access this resource. Missing allowances: otp_verification:write',
};

@ApiTags('Phone verification')
@Controller('api/verifications')
export class VerificationsController {
  constructor(
    private readonly initializePhoneVerification: InitializePhoneVerificationUseCase,
    private readonly completePhoneVerification: CompletePhoneVerificationUseCase,
    private readonly findVerifiedPhone: FindVerifiedPhoneUseCase,
  ) {}

  @Get(':phone_number')
  @Audited({ action: 'read', resource: 'phone_verification' })
  @Scopes('otp_verification:read')
  @ApiOperation({
    summary: 'Whether a phone is verified',
    description:
      'A phone that completed a verification counts as verified. MIS clients ask it before ' +
      'inserting an OTP method; 404 when the phone has not completed one.',
  })
  @ApiOkResponse({ type: VerifiedPhoneDto, description: '`data` of the answer' })
  @ApiErrors(
    401,
    {
      status: 403,
      message:
        'Your scope does not allow to access this resource. Missing allowances: otp_verification:read',
    },
    OTP_ERRORS.verificationNotFound,
  )
  async verified(@Param('phone_number') phoneNumber: string): Promise<VerifiedPhoneDto> {
    const found = await this.findVerifiedPhone.execute(phoneNumber);
    return { phone_number: found.phoneNumber };
  }

  @Post()
  @Audited({ action: 'create', resource: 'phone_verification', answerId: true })
  @HttpCode(200)
  @Scopes('otp_verification:write')
  @ApiOperation({
    summary: 'Send a verification code to a phone',
    description:
      "A new code cancels the caller's previous code for the phone; codes of requests and of " +
      'other clients are not touched. The built-in service sends at most one code per phone and ' +
      'client per OTP_RESEND_INTERVAL_SECONDS. With an external OTP service (one code per phone), ' +
      "429 while another client's code to the phone is live.",
  })
  @ApiOkResponse({ type: VerificationResponseDto, description: '`data` of the answer' })
  @ApiErrors(400, 401, SCOPE_403, 413, 422, OTP_ERRORS.resendTooSoon, OTP_ERRORS.smsLimit, 503)
  async initialize(
    @Body() body: InitializeVerificationDto,
    @CurrentActor() actor: Actor,
  ): Promise<VerificationResponseDto> {
    return present(
      await this.initializePhoneVerification.execute(body.phone_number, actor.clientId),
    );
  }

  @Patch(':phone_number/actions/complete')
  @Audited({ action: 'complete', resource: 'phone_verification', answerId: true })
  @HttpCode(200)
  @Scopes('otp_verification:write')
  @ApiOperation({
    summary: 'Complete a phone verification with the code',
    description:
      "Completes the caller's own pending verification of the phone. Another client's pending " +
      'code does not exist for the caller (404, no attempt spent). A phone that completed a ' +
      'verification counts as verified for every client.',
  })
  @ApiOkResponse({ type: VerificationResponseDto, description: '`data` of the answer' })
  @ApiErrors(
    400,
    401,
    SCOPE_403,
    { status: 403, message: OTP_REJECTION_TEXT.invalid_code },
    { status: 403, message: OTP_REJECTION_TEXT.expired },
    { status: 403, message: OTP_REJECTION_TEXT.attempts_exceeded },
    OTP_ERRORS.verificationNotFound,
    413,
    422,
    OTP_ERRORS.otpRateLimited,
    503,
  )
  async complete(
    @Param('phone_number') phoneNumber: string,
    @Body() body: CompleteVerificationDto,
    @CurrentActor() actor: Actor,
  ): Promise<VerificationResponseDto> {
    return present(
      await this.completePhoneVerification.execute(phoneNumber, body.code, actor.clientId),
    );
  }
}
