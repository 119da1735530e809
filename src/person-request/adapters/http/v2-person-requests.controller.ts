import { Body, Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../../../platform/audit/audited.decorator.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { CurrentActor, Scopes } from '../../../platform/auth/scopes.decorator.js';
import { ApiErrors, ApiSuccess } from '../../../platform/docs/api-errors.decorator.js';
import { PAGING_EXAMPLE } from '../../../platform/docs/paging.example.js';
import { Enveloped } from '../../../platform/http/envelope.js';
import { pagingOf } from '../../../platform/http/page-query.dto.js';
import { anyVersionListItem } from '../../domain/person-request-data.js';
import { PersonRequestActions, personRequestId } from './person-request-actions.js';
import {
  ApprovePersonRequestRoute,
  CreatePersonRequestRoute,
  ReadPersonRequestRoute,
  RejectPersonRequestRoute,
  SignPersonRequestRoute,
  type VersionDocs,
} from './person-request.api-docs.js';
import { ListPersonRequestsQuery } from './person-request.dto.js';
import { ANY_VERSION_LIST_ITEMS, V2_PERSON_REQUEST_EXAMPLE } from './person-request.examples.js';
import { V2_REQUEST_EXAMPLE } from './v2-request.example.js';

const V2: VersionDocs = {
  version: 2,
  example: V2_PERSON_REQUEST_EXAMPLE,
  body: V2_REQUEST_EXAMPLE,
};

/**
 * The registry's v2 person requests (a person with flat names), on the same requests as v3: a v2
 * route reaches only requests created in v2 (404 for a v3 one), and answers in v2's shape. Also
 * the version-neutral list of the caller's requests of every version.
 */
@ApiTags('Person requests (v2)')
@Controller('api')
export class V2PersonRequestsController extends PersonRequestActions {
  @CreatePersonRequestRoute(
    V2,
    'The v2 person: `first_name`, `last_name`, `second_name` instead of `names[]`; otherwise ' +
      'as v3, with the same rules (update by `person.id` without methods or confidant; create ' +
      'with one method; under 14 only THIRD_PERSON; a THIRD_PERSON `value` equal to ' +
      '`confidant_person.person_id`). Stores the person as sent, chooses the current method and, ' +
      'for OTP, sends a code. Signed, it writes the same person as v3 (the names as its `uk` name).',
  )
  createRequest(@Body() body: unknown, @CurrentActor() actor: Actor): Promise<unknown> {
    return this.created(2, body, actor);
  }

  @ReadPersonRequestRoute(V2, 'A v2 request of the caller; a v3 request is not found here (404).')
  getRequest(
    @Param('id', personRequestId) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.readOne(2, id, actor);
  }

  @Get('person_requests')
  @Audited({ action: 'list', resource: 'person_request' })
  @Scopes('person_request:read')
  @ApiSuccess(200, 'A page of requests of every version', ANY_VERSION_LIST_ITEMS, {
    paging: PAGING_EXAMPLE,
  })
  @ApiOperation({
    summary: "List the client's person requests (every version)",
    description:
      'Items `{ id, status, person: { first_name, last_name, second_name }, version }`, newest ' +
      'first; a v3 request shows its `uk` name. `total_entries` is counted up to a bound.',
  })
  @ApiErrors(401, 403, 422)
  async listRequests(
    @Query() query: ListPersonRequestsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? 50;
    const result = await this.reads.list(actor.clientId, query.status, page, pageSize, 'any');
    return new Enveloped(result.items.map(anyVersionListItem), {
      paging: pagingOf(page, pageSize, result.total),
    });
  }

  @ApprovePersonRequestRoute(
    V2,
    'As v3: the SMS code (OTP, own or the third person’s) or the uploaded scans (OFFLINE). ' +
      'The request becomes APPROVED with its printout in `content`; nothing is written to the ' +
      'registry until it is signed.',
  )
  approveRequest(
    @Param('id', personRequestId) id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.approved(2, id, body, actor);
  }

  @SignPersonRequestRoute(
    V2,
    'As v3: the MIS sends `$.data` of the approved v2 request (GET or approve), with ' +
      '`patient_signed` set to `true`, signed as CMS / PKCS#7 SignedData with the content ' +
      'attached, in base64; the same limits, signature checks and comparison apply. Then the ' +
      'person is created (or updated, with `person.id`), its names as its `uk` name, and the ' +
      'request becomes SIGNED. The optional `msp_drfo` header must match the signer.',
  )
  signRequest(
    @Param('id', personRequestId) id: string,
    @Body() body: unknown,
    @Headers('msp_drfo') mspDrfo: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.signed(2, id, body, mspDrfo, actor);
  }

  @RejectPersonRequestRoute(V2)
  rejectRequest(
    @Param('id', personRequestId) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.rejected(2, id, actor);
  }
}
