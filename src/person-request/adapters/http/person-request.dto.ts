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

/**
 * A full v3 body, shaped like a real MIS client's (openhealths/ohealth sends the same keys): the
 * explorer's example, the tests' base body (test/support/v3.ts) and the benchmark's. The tax id
 * is valid for the birth date and gender (docs/domain-rules.md, Tax id).
 */
export const V3_REQUEST_EXAMPLE = {
  person: {
    names: [
      {
        language: 'uk',
        first_name: 'Олена',
        last_name: 'Петренко',
        second_name: 'Іванівна',
        no_last_name: false,
      },
      { language: 'en', first_name: 'Olena', last_name: 'Petrenko', no_last_name: false },
    ],
    birth_date: '1972-10-26',
    birth_country: 'Україна',
    birth_settlement: 'Київ',
    gender: 'MALE',
    email: 'olena@example.com',
    tax_id: '2659719350',
    no_tax_id: false,
    secret: 'secret1',
    unzr: '19721026-00011',
    preferred_way_communication: 'phone',
    documents: [
      {
        type: 'PASSPORT',
        number: 'АА123456',
        issued_by: 'Печерським РУ ГУ МВС',
        issued_at: '2010-06-01',
        issuing_country: 'UA',
        expiration_date: null,
      },
      {
        type: 'NATIONAL_ID',
        number: '000123456',
        issued_by: '8000',
        issued_at: '2018-02-01',
        expiration_date: '2028-02-01',
      },
    ],
    addresses: [
      {
        type: 'RESIDENCE',
        country: 'UA',
        area: 'М.КИЇВ',
        settlement: 'Київ',
        settlement_type: 'CITY',
        settlement_id: 'b075f148-7f93-4fc2-b2ec-2d81b19a9b7b',
        street_type: 'STREET',
        street: 'Хрещатик',
        building: '1',
        apartment: '2',
        zip: '01001',
      },
    ],
    phones: [{ type: 'MOBILE', number: '+380971234567' }],
    authentication_methods: [{ type: 'OTP', phone_number: '+380971234567' }],
    emergency_contact: {
      first_name: 'Петро',
      last_name: 'Петренко',
      second_name: null,
      phones: [{ type: 'MOBILE', number: '+380501112233' }],
    },
  },
  patient_signed: false,
  process_disclosure_data_consent: true,
};
