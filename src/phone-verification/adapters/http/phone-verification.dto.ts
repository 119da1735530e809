import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, Matches } from 'class-validator';
import { UA_PHONE } from '../../../kernel/domain/phone.js';

// The class names are the schemas of docs/openapi.json, which clients generate code from: they
// keep the OTP service's word for a code, "verification".

export class InitializeVerificationDto {
  @ApiProperty({ example: '+380971234567', pattern: UA_PHONE.source })
  @IsDefined()
  @Matches(UA_PHONE, { message: `must match ${UA_PHONE.source}` })
  phone_number!: string;
}

export class CompleteVerificationDto {
  @ApiProperty({
    oneOf: [
      { type: 'integer', example: 1234 },
      { type: 'string', pattern: '^[0-9]{1,12}$', example: '1234' },
    ],
    example: 1234,
    description: 'The code from the SMS, as a number or a string of digits',
  })
  // Clients store codes as numbers (docs/domain-rules.md, OTP verification); both forms are checked as a digit string.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value,
  )
  @IsDefined()
  @Matches(/^[0-9]{1,12}$/, { message: 'must be a number or a string of digits' })
  code!: string;
}

/** `data` of both phone verification answers (docs/api.md, Phone verification). */
export class VerificationResponseDto {
  @ApiProperty({ format: 'uuid', example: '0d4a6f7e-2c1b-4e8a-9f3d-5b6c7d8e9f01' })
  id!: string;

  @ApiProperty({ enum: ['NEW', 'VERIFIED'], example: 'NEW' })
  status!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T10:15:00.000Z' })
  code_expired_at!: string;

  @ApiProperty({ example: true })
  active!: boolean;
}

/** `data` of GET /api/verifications/{phone_number}: the phone only, as the registry answers it. */
export class VerifiedPhoneDto {
  @ApiProperty({ example: '+380971234567' })
  phone_number!: string;
}
