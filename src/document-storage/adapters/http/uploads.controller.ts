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
import type { Request } from 'express';
import { ApiErrors } from '../../../platform/docs/api-errors.decorator.js';
import { LocalDocumentStorage, UPLOAD_REFUSED } from '../local/local-document-storage.js';

const NOT_JPEG_TYPE = 'Content-Type must be image/jpeg';
const NOT_JPEG_BODY = 'Body is not a JPEG image';
const TOO_LARGE = 'Request body is too large (a document is at most 10 MiB)';
const INTERRUPTED = 'Upload was interrupted';

/**
 * A wildcard route is written differently on each platform (`*key` for Express, `*` for
 * Fastify) and neither accepts the other's, so keys of 2 to 8 segments (isDocumentKey's most)
 * get parametric routes, which both read alike. The documented route takes the key as one
 * segment, slashes written as `%2F` (as the API explorer sends it).
 */
const SEGMENTED_KEY_ROUTES = [2, 3, 4, 5, 6, 7, 8].map((n) =>
  Array.from({ length: n }, (_, i) => `:s${i + 1}`).join('/'),
);

/**
 * The upload side of the embedded document storage (api.md §8). No bearer token: the URL's
 * signature is the authorization, and it is checked before a byte of the body is read.
 */
@ApiTags('Document uploads')
@Controller('api/uploads')
export class UploadsController {
  constructor(private readonly storage: LocalDocumentStorage) {}

  @Put(':key')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Upload a scanned document to a signed URL',
    description:
      'The URLs come from `urgent.documents` of a person request or an authentication method ' +
      'request whose current method is OFFLINE. Each accepts `PUT` of one `image/jpeg` of at ' +
      'most 10 MiB until it expires; a later `PUT` to the same URL replaces the file.',
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
    { status: 403, message: UPLOAD_REFUSED, description: 'Wrong, tampered or expired URL' },
    { status: 413, message: TOO_LARGE, description: 'Body over 10 MiB' },
    { status: 503, message: 'Document storage is unavailable', description: 'Disk failure' },
  )
  upload(
    @Param('key') path: unknown,
    @Query('expires') expires: unknown,
    @Query('signature') signature: unknown,
    @Req() request: Request,
  ): Promise<{ key: string; size: number }> {
    return this.accept(keyOf(path), expires, signature, request);
  }

  /** The same upload, the key's slashes written as path separators (the signed URLs' form). */
  @Put(SEGMENTED_KEY_ROUTES)
  @HttpCode(200)
  @ApiExcludeEndpoint()
  uploadSegments(
    @Param() params: Record<string, unknown>,
    @Query('expires') expires: unknown,
    @Query('signature') signature: unknown,
    @Req() request: Request,
  ): Promise<{ key: string; size: number }> {
    const segments: unknown[] = [];
    for (let i = 1; params[`s${i}`] !== undefined; i++) segments.push(params[`s${i}`]);
    return this.accept(keyOf(segments), expires, signature, request);
  }

  private async accept(
    path: string | undefined,
    expires: unknown,
    signature: unknown,
    request: Request,
  ): Promise<{ key: string; size: number }> {
    const key = await this.storage.authorizeUpload(path, expires, signature);
    if (mediaType(request.headers['content-type']) !== 'image/jpeg') {
      throw new BadRequestException(NOT_JPEG_TYPE);
    }
    // The Node request stream: Express hands it over itself, Fastify as `raw` (left unread).
    const body = (request as Request & { raw?: Request }).raw ?? request;
    const outcome = await this.storage.store(key, body, declaredLength(request));
    if (outcome.stored) return { key, size: outcome.size };
    if (outcome.reason === 'too_large') throw new PayloadTooLargeException(TOO_LARGE);
    throw new BadRequestException(outcome.reason === 'not_jpeg' ? NOT_JPEG_BODY : INTERRUPTED);
  }
}

/**
 * Route parameters arrive decoded, one per segment. They are joined back with `/`, so a key whose
 * slashes arrive as `%2F` (as the API explorer sends a path parameter) is the same key; whatever
 * the joined string is, isDocumentKey decides, and it admits no `..`.
 */
function keyOf(param: unknown): string | undefined {
  const segments: unknown[] = Array.isArray(param) ? param : [param];
  return segments.every((s): s is string => typeof s === 'string') ? segments.join('/') : undefined;
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

function declaredLength(request: Request): number | undefined {
  const raw = request.headers['content-length'];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}
