import { Module } from '@nestjs/common';
import { DocumentStorageModule } from '../document-storage/document-storage.module.js';
import { OtpModule } from '../otp/otp.module.js';
import { MethodVerification } from './application/method-verification.service.js';

/** Proving a method on approve (OTP code or scans) and handing out upload URLs. */
@Module({
  imports: [OtpModule, DocumentStorageModule],
  providers: [MethodVerification],
  exports: [MethodVerification],
})
export class VerificationModule {}
