import { Controller, Get, Param, Query } from '@nestjs/common';
import { PERSON_ERRORS } from '../../../person/domain/person-errors.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../../../platform/audit/audited.decorator.js';
import { Scopes } from '../../../platform/auth/scopes.decorator.js';
import { ApiErrors, ApiSuccess } from '../../../platform/docs/api-errors.decorator.js';
import { PAGING_EXAMPLE } from '../../../platform/docs/paging.example.js';
import { Enveloped } from '../../../platform/http/envelope.js';
import { pagingOf } from '../../../platform/http/page-query.dto.js';
import { UuidPipe } from '../../../platform/http/uuid.pipe.js';
import { ReadConfidantUseCase } from '../../application/read-confidant.use-case.js';
import { ListRelationshipsQuery } from './confidant.dto.js';
import { RELATIONSHIP_EXAMPLE } from './confidant.examples.js';
import { presentRelationship } from './confidant.presenter.js';

@ApiTags('Confidant person relationships')
@Controller('api/persons/:id/confidant_person_relationships')
export class RelationshipsController {
  constructor(private readonly reads: ReadConfidantUseCase) {}

  @Get()
  @Audited({ action: 'list', resource: 'confidant_person_relationship' })
  @Scopes('confidant_person_relationship:read')
  @ApiSuccess(200, 'A page of the person’s relationships', [RELATIONSHIP_EXAMPLE], {
    paging: PAGING_EXAMPLE,
  })
  @ApiOperation({
    summary: 'List the confidant person relationships of a person',
    description:
      'Registry data: any client reads it. `is_expired=false` (default, also `0`) lists those ' +
      'that hold today (Kyiv); `true` (or `1`) the ended and lapsed ones. The confidant is masked.',
  })
  @ApiErrors(401, PERSON_ERRORS.personNotFoundForbidden, 422, 429)
  async list(
    @Param('id', new UuidPipe(PERSON_ERRORS.personNotFoundForbidden)) id: string,
    @Query() query: ListRelationshipsQuery,
  ): Promise<unknown> {
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? 50;
    const expired = query.is_expired === 'true' || query.is_expired === '1';
    const result = await this.reads.listRelationships(id, expired, page, pageSize);
    return new Enveloped(result.items.map(presentRelationship), {
      paging: pagingOf(page, pageSize, result.total),
    });
  }
}
