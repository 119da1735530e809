import { Module } from '@nestjs/common';
import { OtpModule } from '../otp/otp.module.js';
import { VerificationsController } from './adapters/http/verifications.controller.js';
import { CompletePhoneVerificationUseCase } from './application/complete-phone-verification.use-case.js';
import { FindVerifiedPhoneUseCase } from './application/find-verified-phone.use-case.js';
import { InitializePhoneVerificationUseCase } from './application/initialize-phone-verification.use-case.js';

/**
 * Phone verification (docs/api.md, Phone verification): a client sends a code to a phone and
 * completes it; a phone that completed a code is verified for every client. On the OTP module's
 * `OtpVerifier` and `CodeSender`, with the purpose `phone_verification:<client id>`.
 */
@Module({
  imports: [OtpModule],
  providers: [
    InitializePhoneVerificationUseCase,
    CompletePhoneVerificationUseCase,
    FindVerifiedPhoneUseCase,
  ],
  exports: [
    InitializePhoneVerificationUseCase,
    CompletePhoneVerificationUseCase,
    FindVerifiedPhoneUseCase,
  ],
})
export class PhoneVerificationModule {}

/** The routes of phone verification: `/api/verifications`. */
@Module({ imports: [PhoneVerificationModule], controllers: [VerificationsController] })
export class PhoneVerificationHttpModule {}
