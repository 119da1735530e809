import { Audited } from '../../../platform/audit/audited.decorator.js';
import {
  BadRequestException,
  Controller,
  HttpCode,
  Param,
  PayloadTooLargeException,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { ApiErrors } from '../../../platform/docs/api-errors.decorator.js';
import { ReadsOwnBody } from '../../../platform/http/reads-own-body.decorator.js';
import { ReceiveUploadUseCase, UPLOAD_REFUSED } from '../../application/receive-upload.use-case.js';
import { nodeRequestOf } from './node-request.js';
import { STORAGE_ERRORS } from '../../domain/storage-errors.js';

const NOT_JPEG_TYPE = 'Content-Type must be image/jpeg';
const NOT_JPEG_BODY = 'Body is not a JPEG image';
const TOO_LARGE = 'Request body is too large (a document is at most 10 MiB)';
const INTERRUPTED = 'Upload was interrupted';

/**
 * The upload route of document storage (docs/api.md, Service endpoints), whatever stores the files behind it. No
 * bearer token: the URL's signature is the authorization, and it is checked, with the request
 * that owns the key still being NEW, before a byte of the body is read; that the request is
 * still NEW is checked again, under its lock, when the body has arrived.
 *
 * It runs on Express and on Fastify: the body is read from the Node.js request stream, and the
 * paths use the syntax both routers read alike. A key has three segments
 * (`<kind>/<request id>/<TYPE>.jpeg`, the signed URLs' form) or arrives as one segment with its
 * slashes encoded as `%2F` (as the API explorer sends a path parameter); a wildcard would be
 * `*key` for Express 5 and a bare `*` for Fastify.
 */
@ApiTags('Document uploads')
@Controller('api/uploads')
export class UploadsController {
  constructor(private readonly uploads: ReceiveUploadUseCase) {}

  @Put(':key')
  @Audited({ action: 'upload', resource: 'document_upload' })
  @HttpCode(200)
  @ReadsOwnBody()
  @ApiOperation({
    summary: 'Upload a scanned document to a signed URL',
    description:
      'The URLs come from `urgent.documents` of a person request or an authentication method ' +
      'request whose current method is OFFLINE. Each accepts `PUT` of one `image/jpeg` of at ' +
      'most 10 MiB until it expires and while the request is NEW; a later `PUT` to the same URL ' +
      'replaces the file. The file counts only if the request is still NEW when its last byte ' +
      'has arrived: an upload that ends after the request was approved gets 403 and changes ' +
      'nothing.',
  })
  @ApiConsumes('image/jpeg')
  @ApiParam({
    name: 'key',
    type: String,
    description: 'Document key, as in the signed URL',
    example: 'authentication_method_requests/6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55/PASSPORT.jpeg',
  })
  @ApiQuery({
    name: 'expires',
    type: String,
    description: 'Unix time (seconds) the URL expires at',
  })
  @ApiQuery({ name: 'signature', type: String, description: 'HMAC-SHA256 of the URL, hex' })
  @ApiBody({ description: 'The JPEG file', schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({
    description: 'Stored',
    schema: {
      example: {
        meta: {
          code: 200,
          url: 'http://localhost:3000/api/uploads/authentication_method_requests/6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55/PASSPORT.jpeg',
          type: 'object',
          request_id: 'c0a8012e-7f1b-4d2a-9a51-4b1b1d2f6a10',
        },
        data: {
          key: 'authentication_method_requests/6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55/PASSPORT.jpeg',
          size: 183422,
        },
      },
    },
  })
  @ApiErrors(
    { status: 400, message: NOT_JPEG_TYPE, description: 'Content-Type is not image/jpeg' },
    { status: 400, message: NOT_JPEG_BODY, description: 'The body does not start like a JPEG' },
    {
      status: 403,
      message: UPLOAD_REFUSED,
      description:
        'Wrong, tampered or expired URL, or the request is no longer NEW (when the URL is ' +
        'checked, or once the body has arrived: a scan approved meanwhile stays as it was)',
    },
    { status: 413, message: TOO_LARGE, description: 'Body over 10 MiB' },
    {
      status: 503,
      message: STORAGE_ERRORS.storageUnavailable.message,
      description: 'Disk or object storage failure',
    },
  )
  upload(
    @Param('key') key: unknown,
    @Query('expires') expires: unknown,
    @Query('signature') signature: unknown,
    @Req() request: unknown,
  ): Promise<{ key: string; size: number }> {
    return this.receive(key, expires, signature, request);
  }

  /** The signed URLs' form of the same route (documented above as one `{key}`). */
  @Put(':kind/:id/:file')
  @Audited({ action: 'upload', resource: 'document_upload' })
  @HttpCode(200)
  @ReadsOwnBody()
  @ApiExcludeEndpoint()
  uploadBySegments(
    @Param('kind') kind: unknown,
    @Param('id') id: unknown,
    @Param('file') file: unknown,
    @Query('expires') expires: unknown,
    @Query('signature') signature: unknown,
    @Req() request: unknown,
  ): Promise<{ key: string; size: number }> {
    const segments = [kind, id, file];
    const key = segments.every((s) => typeof s === 'string') ? segments.join('/') : undefined;
    return this.receive(key, expires, signature, request);
  }

  private async receive(
    candidate: unknown,
    expires: unknown,
    signature: unknown,
    request: unknown,
  ): Promise<{ key: string; size: number }> {
    const key = await this.uploads.authorize(candidate, expires, signature);
    const body = nodeRequestOf(request);
    if (mediaType(body.headers['content-type']) !== 'image/jpeg') {
      throw new BadRequestException(NOT_JPEG_TYPE);
    }
    const outcome = await this.uploads.receive(key, body, declaredLength(body));
    if (outcome.stored) return { key, size: outcome.size };
    if (outcome.reason === 'too_large') throw new PayloadTooLargeException(TOO_LARGE);
    throw new BadRequestException(outcome.reason === 'not_jpeg' ? NOT_JPEG_BODY : INTERRUPTED);
  }
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

function declaredLength(request: IncomingMessage): number | undefined {
  const raw = request.headers['content-length'];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}
