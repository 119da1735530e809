import { Audited } from '../../../platform/audit/audited.decorator.js';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../platform/auth/actor.js';
import { CurrentActor, Scopes } from '../../../platform/auth/scopes.decorator.js';
import { ApiErrors, ApiSuccess } from '../../../platform/docs/api-errors.decorator.js';
import { LISTED_METHOD_EXAMPLE, PERSON_EXAMPLE, VERIFICATION_EXAMPLE } from './person.examples.js';
import { UuidPipe } from '../../../platform/http/uuid.pipe.js';
import { Clock } from '../../../kernel/application/clock.port.js';
import { ReadPersonUseCase } from '../../application/read-person.use-case.js';
import { ReadPersonVerificationUseCase } from '../../application/read-person-verification.use-case.js';
import { RegisterPersonUseCase } from '../../application/register-person.use-case.js';
import { CreatePersonDto } from './person.dto.js';
import { presentListedMethod, presentPerson, presentVerification } from './person.presenter.js';
import { PERSON_ERRORS } from '../../domain/person-errors.js';

const personId = new UuidPipe(PERSON_ERRORS.personNotFound);
const listedPersonId = new UuidPipe(PERSON_ERRORS.personNotFoundForbidden);

@ApiTags('Persons (registry)')
@Controller('api/persons')
export class PersonsController {
  constructor(
    private readonly register: RegisterPersonUseCase,
    private readonly read: ReadPersonUseCase,
    private readonly verifications: ReadPersonVerificationUseCase,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Audited({ action: 'create', resource: 'person', answerId: true })
  @HttpCode(201)
  @Scopes('person:write')
  @ApiSuccess(201, 'The registered person', PERSON_EXAMPLE)
  @ApiOperation({
    summary: 'Register a person (internal)',
    description: 'So that flows can be exercised without an external MPI.',
  })
  @ApiErrors(400, 401, 403, 413, 422)
  async create(@Body() body: CreatePersonDto, @CurrentActor() actor: Actor): Promise<unknown> {
    const person = await this.register.execute({
      firstName: body.first_name,
      lastName: body.last_name,
      secondName: body.second_name ?? null,
      birthDate: body.birth_date,
      birthCountry: body.birth_country ?? null,
      birthSettlement: body.birth_settlement ?? null,
      gender: body.gender,
      taxId: body.tax_id ?? null,
      noTaxId: body.no_tax_id,
      ...(body.status ? { status: body.status } : {}),
      ...(body.verification_status ? { verificationStatus: body.verification_status } : {}),
      documents: body.documents.map((d) => ({
        type: d.type,
        number: d.number,
        issuedAt: d.issued_at ?? null,
        expirationDate: d.expiration_date ?? null,
      })),
      phones: (body.phones ?? []).map((p) => ({ type: p.type, number: p.number })),
      authenticationMethods: body.authentication_methods.map((m) => ({
        type: m.type,
        phoneNumber: m.phone_number ?? null,
        value: m.value ?? null,
        alias: m.alias ?? null,
      })),
      actorId: actor.userId,
    });
    return presentPerson(person);
  }

  @Get(':id')
  @Audited({ action: 'read', resource: 'person', param: 'id' })
  @Scopes('person:read')
  @ApiSuccess(200, 'The person', PERSON_EXAMPLE)
  @ApiOperation({ summary: 'Read a person' })
  @ApiErrors(401, 403, PERSON_ERRORS.personNotFound)
  async get(@Param('id', personId) id: string): Promise<unknown> {
    return presentPerson(await this.read.person(id));
  }

  @Get(':id/authentication_methods')
  @Audited({ action: 'read', resource: 'person_authentication_methods', param: 'id' })
  @Scopes('person:read')
  @ApiSuccess(200, 'Active methods (NA hidden), the phone masked', [LISTED_METHOD_EXAMPLE])
  @ApiOperation({
    summary: "A person's active authentication methods",
    description:
      'As the registry answers it: each item with `is_active`, `person_id`, `inserted_at`, ' +
      '`inserted_by`, `updated_at`, `updated_by` (`inserted_by`/`updated_by` null for methods ' +
      'written before they were kept), the OTP phone masked; an unknown person is 403.',
  })
  @ApiErrors(401, 403, PERSON_ERRORS.personNotFoundForbidden)
  async methods(@Param('id', listedPersonId) id: string): Promise<unknown> {
    const now = this.clock.now();
    const { methods, thirdPersons } = await this.read.listedMethods(id);
    return methods.map((m) => presentListedMethod(id, m, now, thirdPersons));
  }

  @Get(':id/verification')
  @Audited({ action: 'read', resource: 'person_verification', param: 'id' })
  @Scopes('person:read')
  @ApiSuccess(200, 'Verification status', VERIFICATION_EXAMPLE)
  @ApiOperation({
    summary: "A person's verification status and the state registers' details",
    description:
      '`details` holds the nine registers the registry checks; each is NOT_VERIFIED with reason ' +
      'AUTO until a host records a result (RecordRegisterVerificationUseCase).',
  })
  @ApiErrors(401, 403, PERSON_ERRORS.personNotFound)
  async verification(@Param('id', personId) id: string): Promise<unknown> {
    return presentVerification(await this.verifications.execute(id));
  }
}
