import { Module } from '@nestjs/common';
import { DocumentStorageModule } from '../document-storage/document-storage.module.js';
import { OtpModule } from '../otp/otp.module.js';
import { PersonModule } from '../person/person.module.js';
import { SignatureModule } from '../signature/signature.module.js';
import { Confirmation } from './application/confirmation.js';
import { SignedDataCheck } from './application/signed-data-check.js';

/**
 * The request lifecycle every request kind walks: confirmation by a code or scans (with the
 * scans' upload URLs) and the checks of a signed document. Each kind's module provides its own
 * LifecycleRequests subclass.
 */
@Module({
  imports: [OtpModule, DocumentStorageModule, PersonModule, SignatureModule],
  providers: [Confirmation, SignedDataCheck],
  exports: [Confirmation, SignedDataCheck, OtpModule, DocumentStorageModule, PersonModule],
})
export class RequestLifecycleModule {}
