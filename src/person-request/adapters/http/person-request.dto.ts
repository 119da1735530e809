import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../platform/http/page-query.dto.js';
import { DISPLAY_STATUSES } from '../../domain/person-request.js';

export class ListPersonRequestsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: DISPLAY_STATUSES, example: 'NEW' })
  @IsOptional()
  @IsIn(DISPLAY_STATUSES)
  status?: (typeof DISPLAY_STATUSES)[number];
}

/** The sign body, for the OpenAPI document (the use case checks it after 404 and 409). */
export class SignBodyDto {
  @ApiProperty({
    description:
      'CMS / PKCS#7 SignedData with the content attached, base64 (line breaks allowed): the ' +
      'JSON of `$.data` of the approved request with `patient_signed: true`',
    example: 'MIAGCSqGSIb3DQEHAqCAMIACAQExDTALBglghkgBZQMEAgEwgAYJKoZIhvcNAQcBoIAkgAS…',
  })
  signed_content!: string;

  @ApiPropertyOptional({ enum: ['base64'], example: 'base64' })
  signed_content_encoding?: 'base64';
}

export { V3_REQUEST_EXAMPLE } from './v3-request.example.js';
