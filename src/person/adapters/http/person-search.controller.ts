import { Audited } from '../../../platform/audit/audited.decorator.js';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Scopes } from '../../../platform/auth/scopes.decorator.js';
import { ApiErrors, ApiSuccess } from '../../../platform/docs/api-errors.decorator.js';
import { PERSON_ERRORS } from '../../domain/person-errors.js';
import {
  SearchPersonsUseCase,
  type PersonSearchV1Parameters,
  type PersonSearchV2Parameters,
} from '../../application/search-persons.use-case.js';
import { SearchPersonsV1Query, SearchPersonsV2Query } from './person-search.dto.js';
import {
  SEARCH_INVALID_EXAMPLE,
  SEARCH_V1_EXAMPLE,
  SEARCH_V2_EXAMPLE,
} from './person-search.examples.js';
import { presentFoundV1, presentFoundV2 } from './person-search.presenter.js';

/** Keeps the keys whose value was sent: the parameters a search used are its keys. */
function sent<T extends object>(parameters: T): T {
  return Object.fromEntries(Object.entries(parameters).filter(([, v]) => v !== undefined)) as T;
}

const DESCRIPTION =
  'Exact matches only, of active persons: names after trimming and case folding (Ukrainian ' +
  'letters, NFC, one apostrophe), the birth date exactly. Any client may search: persons are ' +
  'registry data. More than PERSON_SEARCH_MAX_RESULTS (5) matches answer 403 `too_many_results`. ' +
  '`tax_id`, `phones` (and on v2 `documents`) are answered only when searched by, with the values ' +
  'searched by. Persons written before birth places were kept answer `birth_country` and ' +
  '`birth_settlement` as null.';

const ERRORS_OF_SEARCH = [
  401,
  403,
  PERSON_ERRORS.tooManyResults,
  { status: 422, invalid: SEARCH_INVALID_EXAMPLE, description: 'A parameter missing or malformed' },
  429,
] as const;

@ApiTags('Persons (registry)')
@Controller()
export class PersonSearchController {
  constructor(private readonly search: SearchPersonsUseCase) {}

  @Get('api/persons')
  @Audited({ action: 'search', resource: 'person' })
  @Scopes('person:read')
  @ApiOperation({ summary: 'Search persons (v1): Person_Short', description: DESCRIPTION })
  @ApiSuccess(200, 'The matching persons (at most PERSON_SEARCH_MAX_RESULTS)', SEARCH_V1_EXAMPLE)
  @ApiErrors(...ERRORS_OF_SEARCH)
  async v1(@Query() query: SearchPersonsV1Query): Promise<unknown[]> {
    const parameters = sent<PersonSearchV1Parameters>({
      firstName: query.first_name,
      lastName: query.last_name,
      birthDate: query.birth_date,
      secondName: query.second_name,
      taxId: query.tax_id,
      phoneNumber: query.phone_number,
      birthCertificate: query.birth_certificate,
    });
    return (await this.search.execute({ version: 1, parameters })).map(presentFoundV1);
  }

  @Get('api/v2/persons')
  @Audited({ action: 'search', resource: 'person' })
  @Scopes('person:read')
  @ApiOperation({
    summary: 'Search persons (v2): Person_Short_names_array',
    description: `${DESCRIPTION} \`language\` chooses the \`names[]\` entry the name parameters are compared with.`,
  })
  @ApiSuccess(200, 'The matching persons (at most PERSON_SEARCH_MAX_RESULTS)', SEARCH_V2_EXAMPLE)
  @ApiErrors(...ERRORS_OF_SEARCH)
  async v2(@Query() query: SearchPersonsV2Query): Promise<unknown[]> {
    const parameters = sent<PersonSearchV2Parameters>({
      language: query.language,
      firstName: query.first_name,
      birthDate: query.birth_date,
      lastName: query.last_name,
      secondName: query.second_name,
      taxId: query.tax_id,
      phoneNumber: query.phone_number,
      documentType: query.document_type,
      documentNumber: query.document_number,
    });
    return (await this.search.execute({ version: 2, parameters })).map(presentFoundV2);
  }
}
