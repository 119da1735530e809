import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AMR_ACTIONS } from '../../domain/auth-method-request.js';

/**
 * Where each field of the domain's RequestedMethod stands in the body: the domain's rules name a
 * refused field in its own words, the answer on its JSON path.
 */
export const AUTH_METHOD_FIELD_PATHS: Readonly<Record<string, string>> = {
  type: '$.authentication_method.type',
  id: '$.authentication_method.id',
  phoneNumber: '$.authentication_method.phone_number',
  value: '$.authentication_method.value',
  alias: '$.authentication_method.alias',
};

/**
 * Field combinations per action and type are checked by the domain (docs/domain-rules.md,
 * Create-time validation).
 */
export class AuthMethodInputDto {
  @ApiPropertyOptional({ enum: ['OTP', 'OFFLINE', 'THIRD_PERSON'], description: 'insert only' })
  @IsOptional()
  @IsIn(['OTP', 'OFFLINE', 'THIRD_PERSON'])
  type?: 'OTP' | 'OFFLINE' | 'THIRD_PERSON';

  @ApiPropertyOptional({
    example: '+380631234567',
    description: 'insert OTP: a phone that completed /api/verifications',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone_number?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'insert THIRD_PERSON: the third person id' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  value?: string;

  @ApiPropertyOptional({ example: 'Mother', description: 'required for THIRD_PERSON and update' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  alias?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'update / deactivate: the method id' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  id?: string;
}

export class CreateAuthMethodRequestDto {
  @ApiProperty({
    enum: AMR_ACTIONS.map((a) => a.toUpperCase()),
    example: 'INSERT',
    description: 'In any letter case (`INSERT`, `insert`, `Insert`); answered in upper case',
  })
  // Real clients send the registry's upper case; some send lower case: both mean the same.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  )
  @IsDefined()
  @IsIn(AMR_ACTIONS, { message: 'must be one of INSERT, UPDATE, DEACTIVATE' })
  action!: (typeof AMR_ACTIONS)[number];

  @ApiProperty({
    type: AuthMethodInputDto,
    example: { type: 'OTP', phone_number: '+380631234567', alias: 'personal' },
    description: 'The method to insert, or the id (and alias) of the method to change',
  })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AuthMethodInputDto)
  authentication_method!: AuthMethodInputDto;
}
