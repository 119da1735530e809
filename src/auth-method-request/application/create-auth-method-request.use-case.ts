import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../platform/config/app-config.js';
import { APP_CONFIG } from '../../platform/config/config.tokens.js';
import { OtpVerifier } from '../../otp/application/otp-verifier.port.js';
import { PersonRegistry } from '../../person/application/person-registry.port.js';
import { currentMethod, type CurrentMethod } from '../../person/domain/current-method.js';
import type { Person } from '../../person/domain/person.js';
import { Clock } from '../../shared/application/clock.js';
import { documentSlots, MethodVerification } from '../../shared/application/method-verification.js';
import { UnitOfWork } from '../../shared/application/unit-of-work.js';
import { dateInKyiv } from '../../shared/domain/calendar.js';
import { conflict, notFound } from '../../shared/domain/errors.js';
import type {
  AmrAction,
  AuthMethodRequest,
  RequestedMethod,
} from '../domain/auth-method-request.js';
import { createRejection, shapeProblems } from '../domain/create-rules.js';
import { AuthMethodRequestRepository } from './auth-method-request.repository.js';

export const PERSON_NOT_FOUND = "Such person doesn't exist";
export const PERSON_INACTIVE = "Such person isn't active";

export interface CreateAmrCommand {
  readonly personId: string;
  readonly action: AmrAction;
  readonly method: RequestedMethod;
  readonly actorId: string | null;
}

/** The person's current method (rules.md §3), resolving third persons through the registry. */
export async function currentMethodOf(
  registry: PersonRegistry,
  person: Person,
  now: Date,
): Promise<CurrentMethod> {
  const thirdIds = person.authenticationMethods
    .filter((m) => m.type === 'THIRD_PERSON' && m.value)
    .map((m) => m.value!);
  return currentMethod(person.authenticationMethods, now, await registry.methodsOf(thirdIds));
}

/** POST /api/persons/{id}/authentication_method_requests (api.md §5, rules.md §2). */
@Injectable()
export class CreateAuthMethodRequestUseCase {
  constructor(
    private readonly requests: AuthMethodRequestRepository,
    private readonly registry: PersonRegistry,
    private readonly otp: OtpVerifier,
    private readonly verification: MethodVerification,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(command: CreateAmrCommand): Promise<AuthMethodRequest> {
    const person = await this.registry.findById(command.personId);
    if (!person) throw notFound(PERSON_NOT_FOUND);
    if (person.status !== 'active') throw conflict(PERSON_INACTIVE);
    const now = this.clock.now();
    const method = command.method;
    const current = await currentMethodOf(this.registry, person, now);
    const shapeOk = shapeProblems(command.action, method).length === 0;
    const isInsert = command.action === 'insert';
    const thirdPerson =
      shapeOk && isInsert && method.type === 'THIRD_PERSON'
        ? await this.registry.findById(method.value!.toLowerCase())
        : undefined;
    const phoneVerified =
      shapeOk && isInsert && method.type === 'OTP'
        ? await this.otp.isVerified(method.phoneNumber!)
        : undefined;
    const rejection = createRejection(command.action, method, {
      person,
      current,
      now,
      today: dateInKyiv(now),
      noSelfAuthAge: this.config.noSelfAuthAge,
      ...(phoneVerified !== undefined ? { phoneVerified } : {}),
      ...(thirdPerson !== undefined ? { thirdPerson } : {}),
    });
    if (rejection) throw rejection;

    const id = randomUUID();
    const request: AuthMethodRequest = {
      id,
      personId: person.id,
      status: 'NEW',
      channel: 'MIS',
      action: command.action,
      authenticationMethod: normalized(method),
      authenticationMethodCurrent: current,
      documents:
        current.verifiedBy === 'OFFLINE'
          ? documentSlots(
              'authentication_method_requests',
              id,
              await this.documentTypes(person, current),
            )
          : [],
      insertedBy: command.actorId,
      updatedBy: command.actorId,
      insertedAt: now,
      updatedAt: now,
    };
    // The code goes out before anything is written: a refused or failed send leaves no request.
    if (current.verifiedBy === 'OTP') await this.verification.sendCode(current);
    await this.uow.run(async () => {
      await this.requests.cancelNewOfPerson(person.id, now, command.actorId);
      await this.requests.insert(request);
    });
    return request;
  }

  private async documentTypes(person: Person, current: CurrentMethod): Promise<string[]> {
    if (current.type !== 'THIRD_PERSON') return person.documents.map((d) => d.type);
    const third = await this.registry.findById(current.thirdPersonId!);
    return third ? third.documents.map((d) => d.type) : [];
  }
}

function normalized(method: RequestedMethod): RequestedMethod {
  return {
    ...(method.type !== undefined ? { type: method.type } : {}),
    ...(method.id !== undefined ? { id: method.id.toLowerCase() } : {}),
    ...(method.phoneNumber !== undefined ? { phoneNumber: method.phoneNumber } : {}),
    ...(method.value !== undefined ? { value: method.value.toLowerCase() } : {}),
    ...(method.alias !== undefined ? { alias: method.alias } : {}),
  };
}
