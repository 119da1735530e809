/**
 * Public entry point of the package: the embeddable Nest module, its feature modules and use
 * cases, the ports a host may implement, and the TypeORM entities and migrations a host
 * connection must include.
 */
export {
  EhealthAuthMethodsModule,
  type AdapterProvider,
  type EhealthAdapters,
  type EhealthModuleAsyncOptions,
  type EhealthModuleOptions,
} from './ehealth-auth-methods.module.js';
export { AppModule, type AppModuleOptions } from './app.module.js';
export { loadConfig, ConfigError, type AppConfig } from './platform/config/app-config.js';
export { APP_CONFIG } from './platform/config/config.tokens.js';
// For hosts that serve the REST routes (`http: true`): the pieces the standalone app registers
// globally, each working on Express and on Fastify, and what a host's own guard must provide.
export { RegistryExceptionFilter } from './platform/http/exception.filter.js';
export { EnvelopeInterceptor } from './platform/http/envelope.interceptor.js';
export { registryValidationPipe } from './platform/http/validation.js';
export { RequestMalformed } from './platform/http/request-malformed.js';
export { MAX_JSON_DEPTH } from './kernel/domain/json.js';
export { readJsonBody } from './platform/http/json-body.js';
export { SCOPES_KEY } from './platform/auth/scopes.decorator.js';
export type { Actor } from './platform/auth/actor.js';
export { EHEALTH_ENTITIES, EHEALTH_MIGRATIONS } from './schema.js';
export { typeOrmOptions } from './platform/database/database.module.js';
export { Clock, SystemClock } from './kernel/application/clock.port.js';
export { UnitOfWork } from './kernel/application/unit-of-work.port.js';
export type { Acting } from './kernel/application/acting.js';
export {
  DomainError,
  type ErrorCode,
  type ErrorSpec,
  type InvalidEntry,
} from './kernel/domain/errors.js';
export { ERRORS } from './error-catalogue.js';

export { PersonModule } from './person/person.module.js';
export { PersonRegistry } from './person/application/person-registry.port.js';
export {
  RegisterPersonUseCase,
  type RegisterPersonCommand,
} from './person/application/register-person.use-case.js';
export { ReadPersonUseCase } from './person/application/read-person.use-case.js';
export { PersonFinder } from './person/application/person-finder.port.js';
export {
  SearchPersonsUseCase,
  parametersUsed,
  type PersonSearchQuery,
} from './person/application/search-persons.use-case.js';
export {
  matchesSearch,
  nameKey,
  type FoundPerson,
  type PersonSearchCriteria,
} from './person/domain/person-search.js';
export type { Person, AuthMethod, PersonName, PersonPhone } from './person/domain/person.js';
export { RegisterVerifications } from './person/application/register-verifications.port.js';
export { RecordRegisterVerificationUseCase } from './person/application/record-register-verification.use-case.js';
export {
  ReadPersonVerificationUseCase,
  type PersonVerification,
} from './person/application/read-person-verification.use-case.js';
export {
  PERSON_REGISTERS,
  REGISTER_VERIFICATION_REASONS,
  type PersonRegister,
  type RegisterVerification,
  type RegisterVerificationReason,
} from './person/domain/register-verification.js';

export { OtpModule } from './otp/otp.module.js';
export {
  OtpVerifier,
  OTP_REJECTION_TEXT,
  type OtpCompletion,
  type OtpRejection,
  type OtpVerification,
} from './otp/application/otp-verifier.port.js';
export { NotSent } from './otp/application/not-sent.js';
export {
  phoneVerificationPurpose,
  requestPurpose,
  type OtpPurpose,
} from './otp/domain/otp-purpose.js';
export { SmsSender } from './otp-built-in/application/sms-sender.port.js';

export { PhoneVerificationModule } from './phone-verification/phone-verification.module.js';
export {
  InitializePhoneVerificationUseCase,
  /** @deprecated The same class: use `InitializePhoneVerificationUseCase`. */
  InitializePhoneVerificationUseCase as InitializeVerificationUseCase,
} from './phone-verification/application/initialize-phone-verification.use-case.js';
export {
  CompletePhoneVerificationUseCase,
  /** @deprecated The same class: use `CompletePhoneVerificationUseCase`. */
  CompletePhoneVerificationUseCase as CompleteVerificationUseCase,
} from './phone-verification/application/complete-phone-verification.use-case.js';

export { DocumentStorageModule } from './document-storage/document-storage.module.js';
export { DocumentStorage } from './document-storage/application/document-storage.port.js';

export { EventsModule } from './events/events.module.js';
export { EventPublisher } from './events/application/event-publisher.port.js';
export { EventOutbox } from './events/application/event-outbox.port.js';
export { EventBus } from './events/application/event-bus.js';
export { ListEventsUseCase } from './events/application/list-events.use-case.js';
export { eventPayload, type StateChangeEvent } from './events/domain/state-change-event.js';

export { RequestLifecycleModule } from './request-lifecycle/request-lifecycle.module.js';
export { Confirmation } from './request-lifecycle/application/confirmation.js';
export type { CurrentMethod } from './request-lifecycle/domain/current-method.js';
export type { LifecycleRequest, Lifecycle } from './request-lifecycle/domain/lifecycle.js';

export { SignatureModule } from './signature/signature.module.js';
export {
  SignatureVerifier,
  type SignatureCheck,
} from './signature/application/signature-verifier.port.js';
export type { Signer } from './signature/domain/signer.js';

export { PersonRequestModule } from './person-request/person-request.module.js';
export { CreatePersonRequestUseCase } from './person-request/application/create-person-request.use-case.js';
export { ReadPersonRequestsUseCase } from './person-request/application/read-person-requests.use-case.js';
export { ResendPersonRequestOtpUseCase } from './person-request/application/resend-person-request-otp.use-case.js';
export { ApprovePersonRequestUseCase } from './person-request/application/approve-person-request.use-case.js';
export { RejectPersonRequestUseCase } from './person-request/application/reject-person-request.use-case.js';
export {
  SignPersonRequestUseCase,
  type SignCommand,
} from './person-request/application/sign-person-request.use-case.js';
export {
  parsePersonRequestBody,
  type PersonRequestInput,
  type V3Person,
} from './person-request/domain/v3-person.js';
export type { PersonRequest } from './person-request/domain/person-request.js';

export { AuthMethodRequestModule } from './auth-method-request/auth-method-request.module.js';
export {
  CreateAuthMethodRequestUseCase,
  type CreateAmrCommand,
} from './auth-method-request/application/create-auth-method-request.use-case.js';
export { ReadAuthMethodRequestUseCase } from './auth-method-request/application/read-auth-method-request.use-case.js';
export { ResendAuthMethodRequestOtpUseCase } from './auth-method-request/application/resend-auth-method-request-otp.use-case.js';
export { ApproveAuthMethodRequestUseCase } from './auth-method-request/application/approve-auth-method-request.use-case.js';
export type { AuthMethodRequest } from './auth-method-request/domain/auth-method-request.js';

export { ConfidantRelationshipModule } from './confidant-relationship/confidant-relationship.module.js';
export { CreateConfidantRequestUseCase } from './confidant-relationship/application/create-confidant-request.use-case.js';
export {
  ReadConfidantUseCase,
  type RelationshipView,
} from './confidant-relationship/application/read-confidant.use-case.js';
export { ApproveConfidantRequestUseCase } from './confidant-relationship/application/approve-confidant-request.use-case.js';
export {
  SignConfidantRequestUseCase,
  type SignConfidantCommand,
} from './confidant-relationship/application/sign-confidant-request.use-case.js';
export { ResendConfidantRequestOtpUseCase } from './confidant-relationship/application/resend-confidant-request-otp.use-case.js';
export { RelationshipStarter } from './confidant-relationship/application/relationship-starter.js';
export { ConfidantRequestRepository } from './confidant-relationship/application/confidant-request-repository.port.js';
export { RelationshipRepository } from './confidant-relationship/application/relationship-repository.port.js';
export type {
  ConfidantRequest,
  RelationshipDocument,
} from './confidant-relationship/domain/confidant-request.js';
export type { Relationship } from './confidant-relationship/domain/relationship.js';
export { AuditModule } from './audit/audit.module.js';
export { AuditTrail } from './audit/application/audit-trail.port.js';
export { ListAuditLogUseCase } from './audit/application/list-audit-log.use-case.js';
export type { AuditEntry, AuditDetails } from './audit/domain/audit-entry.js';
export type { AuditAction } from './kernel/domain/audit-action.js';
export { Audited, type AuditedRoute } from './platform/audit/audited.decorator.js';
