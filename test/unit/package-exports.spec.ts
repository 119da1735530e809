import * as ehealth from '../../src/index.js';
import type { OtpCompletion, OtpPurpose, OtpRejection, OtpVerification } from '../../src/index.js';

/**
 * What a host imports from the package keeps working when the code behind it moves: every value
 * the package exported stays exported, under its old name too.
 */
const EXPORTED_VALUES = [
  'EhealthAuthMethodsModule',
  'AppModule',
  'loadConfig',
  'ConfigError',
  'APP_CONFIG',
  'RegistryExceptionFilter',
  'EnvelopeInterceptor',
  'registryValidationPipe',
  'RequestMalformed',
  'MAX_JSON_DEPTH',
  'readJsonBody',
  'SCOPES_KEY',
  'EHEALTH_ENTITIES',
  'EHEALTH_MIGRATIONS',
  'typeOrmOptions',
  'Clock',
  'SystemClock',
  'UnitOfWork',
  'DomainError',
  'ERRORS',
  'PersonModule',
  'PersonRegistry',
  'RegisterPersonUseCase',
  'ReadPersonUseCase',
  'PersonFinder',
  'SearchPersonsUseCase',
  'parametersUsed',
  'matchesSearch',
  'nameKey',
  'RegisterVerifications',
  'RecordRegisterVerificationUseCase',
  'ReadPersonVerificationUseCase',
  'PERSON_REGISTERS',
  'REGISTER_VERIFICATION_REASONS',
  'OtpModule',
  'OtpVerifier',
  'OTP_REJECTION_TEXT',
  'SmsSender',
  'NotSent',
  'phoneVerificationPurpose',
  'requestPurpose',
  'InitializeVerificationUseCase',
  'CompleteVerificationUseCase',
  'DocumentStorageModule',
  'DocumentStorage',
  'EventsModule',
  'EventPublisher',
  'EventOutbox',
  'EventBus',
  'ListEventsUseCase',
  'eventPayload',
  'RequestLifecycleModule',
  'Confirmation',
  'SignatureModule',
  'SignatureVerifier',
  'PersonRequestModule',
  'CreatePersonRequestUseCase',
  'ReadPersonRequestsUseCase',
  'ResendPersonRequestOtpUseCase',
  'ApprovePersonRequestUseCase',
  'RejectPersonRequestUseCase',
  'SignPersonRequestUseCase',
  'parsePersonRequestBody',
  'AuthMethodRequestModule',
  'CreateAuthMethodRequestUseCase',
  'ReadAuthMethodRequestUseCase',
  'ResendAuthMethodRequestOtpUseCase',
  'ApproveAuthMethodRequestUseCase',
];

describe('the package exports', () => {
  it.each(EXPORTED_VALUES)('still exports %s', (name) => {
    expect((ehealth as Record<string, unknown>)[name]).toBeDefined();
  });

  it('exports the phone verification module and its use cases under their old names too', () => {
    expect(ehealth.PhoneVerificationModule).toBeDefined();
    expect(ehealth.InitializeVerificationUseCase).toBe(ehealth.InitializePhoneVerificationUseCase);
    expect(ehealth.CompleteVerificationUseCase).toBe(ehealth.CompletePhoneVerificationUseCase);
  });

  it('still exports the types of the OTP port', () => {
    const purpose: OtpPurpose = ehealth.phoneVerificationPurpose('client');
    const verification: OtpVerification = {
      id: 'id',
      status: 'NEW',
      codeExpiredAt: new Date(0),
      active: true,
    };
    const rejection: OtpRejection = 'not_found';
    const completion: OtpCompletion = { ok: false, reason: rejection };

    expect([purpose.key, verification.status, completion.ok]).toEqual([
      'phone_verification:client',
      'NEW',
      false,
    ]);
  });
});
