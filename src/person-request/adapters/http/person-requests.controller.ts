import { Body, Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { OTP_ERRORS } from '../../../otp/domain/otp-errors.js';
import { Audited } from '../../../platform/audit/audited.decorator.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { CurrentActor, Scopes } from '../../../platform/auth/scopes.decorator.js';
import { ApiErrors, ApiSuccess } from '../../../platform/docs/api-errors.decorator.js';
import { PAGING_EXAMPLE } from '../../../platform/docs/paging.example.js';
import { Enveloped } from '../../../platform/http/envelope.js';
import { pagingOf } from '../../../platform/http/page-query.dto.js';
import { ResendOtpRoute } from '../../../request-lifecycle/adapters/http/lifecycle-routes.js';
import { presentSentCode } from '../../../request-lifecycle/adapters/http/urgent.js';
import { LIFECYCLE_ERRORS } from '../../../request-lifecycle/domain/lifecycle-errors.js';
import { personRequestListItem } from '../../domain/person-request-data.js';
import { PERSON_REQUEST_ERRORS } from '../../domain/person-request-errors.js';
import { PersonRequestActions, personRequestId } from './person-request-actions.js';
import {
  ApprovePersonRequestRoute,
  CreatePersonRequestRoute,
  ReadPersonRequestRoute,
  RejectPersonRequestRoute,
  SignPersonRequestRoute,
  type VersionDocs,
} from './person-request.api-docs.js';
import { ListPersonRequestsQuery, V3_REQUEST_EXAMPLE } from './person-request.dto.js';
import { PERSON_REQUEST_EXAMPLE, PERSON_REQUEST_LIST_ITEM } from './person-request.examples.js';

const V3: VersionDocs = { version: 3, example: PERSON_REQUEST_EXAMPLE, body: V3_REQUEST_EXAMPLE };

/** The registry's v3 person requests, and the resend of a request of any version. */
@ApiTags('Person requests (v3)')
@Controller('api')
export class PersonRequestsController extends PersonRequestActions {
  @CreatePersonRequestRoute(
    V3,
    'Stores the v3 person as sent, chooses the current authentication method and, for OTP, sends a code.',
  )
  createRequest(@Body() body: unknown, @CurrentActor() actor: Actor): Promise<unknown> {
    return this.created(3, body, actor);
  }

  @ReadPersonRequestRoute(V3)
  getRequest(
    @Param('id', personRequestId) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.readOne(3, id, actor);
  }

  @Get('v3/person_requests')
  @Audited({ action: 'list', resource: 'person_request' })
  @Scopes('person_request:read')
  @ApiSuccess(200, 'A page of requests', [PERSON_REQUEST_LIST_ITEM], { paging: PAGING_EXAMPLE })
  @ApiOperation({ summary: "List the client's person requests (v3)" })
  @ApiErrors(401, 403, 422)
  async listRequests(
    @Query() query: ListPersonRequestsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? 50;
    const result = await this.reads.list(actor.clientId, query.status, page, pageSize);
    return new Enveloped(result.items.map(personRequestListItem), {
      paging: pagingOf(page, pageSize, result.total),
    });
  }

  @ResendOtpRoute({
    path: 'person_requests/:id/actions/resend_otp',
    audit: { resource: 'person_request', param: 'id' },
    scope: 'person_request:write',
    summary: 'Resend the authorization OTP of a person request',
    description:
      'Body: none, `{}` or `[]`. Sends a new code to the phone of the current method; the previous code stops working.',
    refusals: [
      PERSON_REQUEST_ERRORS.personRequestNotFound,
      PERSON_REQUEST_ERRORS.personRequestNotNew,
      LIFECYCLE_ERRORS.authMethodNotOtp,
      OTP_ERRORS.resendTooSoon,
    ],
  })
  async resendOtp(
    @Param('id', personRequestId) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return presentSentCode(await this.resend.execute(id, actor.clientId));
  }

  @ApprovePersonRequestRoute(
    V3,
    'Confirms the patient’s identity: the SMS code (OTP, own or the third person’s) or the ' +
      'uploaded scans (OFFLINE). The request becomes APPROVED with its printout in `content`; ' +
      'nothing is written to the registry until it is signed.',
  )
  approveRequest(
    @Param('id', personRequestId) id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.approved(3, id, body, actor);
  }

  @SignPersonRequestRoute(
    V3,
    'The MIS sends `$.data` of the approved request (GET or approve), with `patient_signed` ' +
      'set to `true`, signed as CMS / PKCS#7 SignedData with the content attached, in base64. ' +
      'The message is at most 512 KiB decoded and carries one signature, at most 10 ' +
      'certificates and a chain of at most 5 (400 otherwise, before any signature check); the ' +
      'signed JSON is read strictly (a duplicated key, a lone surrogate, bytes that are not ' +
      'UTF-8 or a BOM: 422 on `$.signed_content`). ' +
      'The signature and its certificate chain are verified; then the person is created (or ' +
      'updated, when the request named `person.id`) and the request becomes SIGNED. In ' +
      'development, `npm run sign -- <file.json>` signs a file with the development signer. ' +
      'The optional `msp_drfo` header (the signing employee’s tax id) must match the signer.',
  )
  signRequest(
    @Param('id', personRequestId) id: string,
    @Body() body: unknown,
    @Headers('msp_drfo') mspDrfo: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.signed(3, id, body, mspDrfo, actor);
  }

  @RejectPersonRequestRoute(V3)
  rejectRequest(
    @Param('id', personRequestId) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.rejected(3, id, actor);
  }
}
